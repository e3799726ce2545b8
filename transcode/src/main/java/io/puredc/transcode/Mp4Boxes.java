package io.puredc.transcode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Just enough of ISO/IEC 14496-12 §4.2 (box headers) to tell whether a fragmented MP4 has media. */
final class Mp4Boxes {
  private Mp4Boxes() {
  }

  /**
   * True when a top-level {@code moof} box exists: ffmpeg exits 0 on an input whose header
   * reads but whose frames do not, leaving a {@code moov} and nothing to play.
   */
  static boolean hasFragment(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long pos = 0;
      ByteBuffer header = ByteBuffer.allocate(16);
      while (pos + 8 <= size) {
        header.clear().limit(16);
        ch.read(header, pos);
        header.flip();
        if (header.remaining() < 8) {
          return false;
        }
        long boxSize = Integer.toUnsignedLong(header.getInt(0));
        int type = header.getInt(4);
        if (type == 0x6d6f6f66) { // 'moof'
          return true;
        }
        if (boxSize == 1) { // a 64-bit largesize follows the type
          if (header.remaining() < 16) {
            return false;
          }
          boxSize = header.getLong(8);
        } else if (boxSize == 0) { // the box runs to the end of the file
          return false;
        }
        if (boxSize < 8) {
          return false; // malformed: stop rather than loop
        }
        pos += boxSize;
      }
      return false;
    }
  }
}
