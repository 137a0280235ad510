package fr.ent.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.ent.testsupport.RealServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/** In a Quarkus application (its own class loader, as in production), Kafka decompresses with lz4's native code. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class Lz4NativeTest {

    @Test
    void kafkasDecompressorIsTheNativeOneOnceTheApplicationHasStarted() throws Exception {
        Field decompressor = Class.forName("org.apache.kafka.common.compress.Lz4BlockInputStream")
                .getDeclaredField("DECOMPRESSOR");
        decompressor.setAccessible(true);
        assertEquals("LZ4JNISafeDecompressor", decompressor.get(null).getClass().getSimpleName());
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
