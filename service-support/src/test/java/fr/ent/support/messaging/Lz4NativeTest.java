package fr.ent.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class Lz4NativeTest {

    @Test
    void theNativeLibraryIsLoadedOnThisPlatformAndKafkasFactoryIsTheNativeOne() {
        // The platforms the library is built for (Linux, macOS, Windows on x86-64 and arm64) are those we run on.
        assertEquals("LZ4Factory:JNI", Lz4Native.load().toString());
        assertEquals(LZ4Factory.nativeInstance(), LZ4Factory.fastestInstance());
    }

    @Test
    void whatTheNativeCodeCompressesTheJavaCodeDecompresses() {
        byte[] roster = "{\"pupils\":[{\"id\":\"ELV-1\",\"lastName\":\"Lefèvre\"}]}".repeat(200).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = Lz4Native.load().fastCompressor().compress(roster);
        ByteBuffer back = ByteBuffer.allocate(roster.length);
        LZ4Factory.safeInstance().safeDecompressor().decompress(ByteBuffer.wrap(compressed), back);
        assertEquals(new String(roster, StandardCharsets.UTF_8), new String(back.array(), StandardCharsets.UTF_8));
    }
}
