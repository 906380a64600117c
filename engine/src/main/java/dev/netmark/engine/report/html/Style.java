package dev.netmark.engine.report.html;

/** The page's CSS, inline so the file needs nothing else to be viewed. */
final class Style {
  static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232a;
        margin:0;background:#f6f7f9}
      header{background:#1d232a;color:#fff;padding:18px 28px}
      header h1{margin:0 0 4px;font-size:22px}
      header p{margin:0;color:#c9d1d9}
      main{padding:8px 28px 40px;max-width:1180px}
      nav{padding:10px 28px;background:#e9ecf0;font-size:13px}
      nav a{margin-right:14px;color:#0b4f8a;text-decoration:none}
      section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 18px;
        margin:16px 0}
      h2{font-size:18px;margin:4px 0 10px}
      h3{font-size:15px;margin:14px 0 6px}
      .verdict{display:inline-block;margin-top:10px;padding:4px 12px;border-radius:4px;
        font-weight:700;font-size:16px}
      .pass{background:#1f883d;color:#fff}
      .fail{background:#cf222e;color:#fff}
      ul.violations{margin:8px 0 0;padding-left:20px;color:#cf222e;font-weight:700}
      table{border-collapse:collapse;margin:6px 0 10px;font-variant-numeric:tabular-nums}
      th,td{border:1px solid #dde1e6;padding:3px 9px;text-align:right}
      th{background:#f0f2f5}
      td.text,th.text{text-align:left}
      td.bad{background:#ffe1e1;font-weight:700}
      ul.notes{margin:4px 0;padding-left:20px;color:#444}
      pre{background:#f6f8fa;border:1px solid #dde1e6;padding:10px;overflow:auto;max-height:480px;
        font-size:12px}
      figure{margin:8px 0 14px}
      svg.chart{max-width:100%;height:auto;background:#fff}
      svg .grid{stroke:#e3e6ea;stroke-width:1}
      svg .frame{fill:none;stroke:#9aa4ae;stroke-width:1}
      svg .tick{font-size:11px;fill:#444}
      svg .label{font-size:12px;fill:#222}
      ul.legend{list-style:none;padding:0;margin:2px 0 0 64px;font-size:12px}
      ul.legend li{display:inline-block;margin-right:14px}
      .swatch{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;
        border-radius:2px}
      .muted{color:#666}
      """;

  private Style() {}
}
