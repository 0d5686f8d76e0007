package dev.openclawfleet.serve;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --serve [ADDR:]PORT: loopback by default, IP literals only, never a name lookup. */
class ServeAddressTest {
    @Test
    void theAddressDefaultsToLoopback() {
        for (String typed : new String[]{"9464", ":9464"}) {
            ServeAddress a = ServeAddress.parse(typed);
            assertThat(a.address().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(a.port()).isEqualTo(9464);
            assertThat(a.loopback()).isTrue();
        }
    }

    @Test
    void explicitAddresses() {
        assertThat(ServeAddress.parse("127.0.0.2:1").loopback()).isTrue();
        assertThat(ServeAddress.parse("[::1]:9464").loopback()).isTrue();
        assertThat(ServeAddress.parse("localhost:9464").loopback()).isTrue();
        assertThat(ServeAddress.parse("0.0.0.0:9464").loopback()).isFalse();
        assertThat(ServeAddress.parse("192.168.1.20:9464").loopback()).isFalse();
        assertThat(ServeAddress.parse("[::]:9464").loopback()).isFalse();
        assertThat(ServeAddress.display(ServeAddress.parse("[::1]:80").socket())).isEqualTo("[0:0:0:0:0:0:0:1]:80");
        assertThat(ServeAddress.parse("0").port()).isZero();
    }

    @Test
    void badInputIsAUsageErrorThatNamesTheForm() {
        for (String typed : new String[]{"", "abc", "example.com:9464", "1.2.3.4:99999", "1.2.3.4:", "mac.local:80", "999.1.1.1:80"}) {
            assertThatThrownBy(() -> ServeAddress.parse(typed)).as(typed).isInstanceOf(FleetException.class)
                    .satisfies(e -> assertThat(((FleetException) e).exitCode()).isEqualTo(ExitCodes.USAGE))
                    .hasMessageContaining("--serve");
        }
    }
}
