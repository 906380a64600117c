package dev.netmark.engine.template;

import dev.netmark.api.ConfigException;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders FreeMarker templates the way every netmark file is rendered: strict (an undefined
 * variable is an error naming the file and line), numbers written as plain digits ({@code 1000},
 * not {@code 1,000}) whatever the locale, booleans as {@code true}/{@code false}, no access to Java
 * classes. Parsed templates are cached per file and shared between threads; FreeMarker templates
 * are thread-safe once parsed.
 */
public final class TemplateRenderer {
  private static final Configuration CONFIG = configuration();
  private static final Map<Key, Cached> CACHE = new ConcurrentHashMap<>();

  private record Key(Path file, String displayName) {}

  private record Cached(FileTime modified, Template plain, String source) {}

  private TemplateRenderer() {}

  /**
   * Renders a file.
   *
   * @param file the template
   * @param displayName how error messages name the file
   * @param vars the top-level variables
   * @param hint appended to the message for an undefined variable, saying where variables come
   *     from; each {@code {name}} in it is replaced by the variable's name
   * @throws ConfigException naming {@code displayName:line} and the problem
   */
  public static String render(Path file, String displayName, Map<String, ?> vars, String hint) {
    return process(cached(file, displayName).plain(), displayName, vars, hint);
  }

  /** Like {@link #render}, and maps every rendered line back to its template line. */
  public static RenderedText renderMapped(
      Path file, String displayName, Map<String, ?> vars, String hint) {
    Cached cached = cached(file, displayName);
    String text = process(cached.plain(), displayName, vars, hint);
    int[] lines = null;
    try {
      Template marked = parse(LineMarkers.instrument(cached.source()), file, displayName);
      LineMarkers.Stripped stripped = LineMarkers.strip(process(marked, displayName, vars, hint));
      if (stripped.text().equals(text)) {
        lines = stripped.lines();
      }
    } catch (ConfigException e) {
      // The markers confused the template (a construct the scanner does not know); the plain
      // rendering succeeded, so report rendered line numbers instead of failing.
      lines = null;
    }
    return new RenderedText(file, displayName, text, lines);
  }

  private static Cached cached(Path file, String displayName) {
    Path absolute = file.toAbsolutePath().normalize();
    Key key = new Key(absolute, displayName);
    try {
      FileTime modified = Files.getLastModifiedTime(absolute);
      Cached hit = CACHE.get(key);
      if (hit != null && hit.modified().equals(modified)) {
        return hit;
      }
      String source = Files.readString(absolute);
      Cached fresh = new Cached(modified, parse(source, file, displayName), source);
      CACHE.put(key, fresh);
      return fresh;
    } catch (NoSuchFileException e) {
      throw new ConfigException(displayName, "file not found (" + absolute + ")");
    } catch (IOException e) {
      throw new ConfigException(displayName, "cannot read " + absolute + ": " + e.getMessage());
    }
  }

  private static Template parse(String source, Path file, String displayName) {
    try {
      return new Template(displayName, file.toString(), new StringReader(source), CONFIG);
    } catch (ParseException e) {
      throw new ConfigException(
          displayName + ":" + e.getLineNumber(),
          "template syntax error: " + firstLine(e.getEditorMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String process(
      Template template, String displayName, Map<String, ?> vars, String hint) {
    StringWriter out = new StringWriter();
    try {
      template.process(vars, out);
      return out.toString();
    } catch (InvalidReferenceException e) {
      throw new ConfigException(
          displayName + ":" + e.getLineNumber(),
          "undefined variable '"
              + e.getBlamedExpressionString()
              + "'"
              + hint.replace("{name}", String.valueOf(e.getBlamedExpressionString())));
    } catch (TemplateException e) {
      throw new ConfigException(
          displayName + ":" + e.getLineNumber(),
          "template error: " + firstLine(e.getMessageWithoutStackTop()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static Configuration configuration() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setNumberFormat("c");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setAPIBuiltinEnabled(false);
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    c.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
    return c;
  }
}
