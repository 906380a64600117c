package dev.netmark.shim.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that behaves like a disk filling up: positional writes succeed until {@link
 * #budget} bytes are used, write what still fits, then fail with ENOSPC's message.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel real;
  volatile long budget = Long.MAX_VALUE;

  FaultyChannel(FileChannel real) {
    this.real = real;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (budget <= 0) {
      throw new IOException("No space left on device");
    }
    ByteBuffer part = src.slice();
    part.limit((int) Math.min(part.remaining(), budget));
    int n = real.write(part, position);
    src.position(src.position() + n);
    budget -= n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = write(src, real.position());
    real.position(real.position() + n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    real.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    real.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
