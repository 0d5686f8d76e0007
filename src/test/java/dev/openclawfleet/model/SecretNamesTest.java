package dev.openclawfleet.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Secret names are matched in place for ASCII names: the same answer as upper-casing and splitting them, for any name. */
class SecretNamesTest {
    @Test
    void namesMatchedInPlaceGiveTheAnswerOfSplitting() {
        List<String> names = new ArrayList<>(List.of("OPENCLAW_GATEWAY_TOKEN", "TOKENIZERS_PARALLELISM", "api_key", "MY_API_KEY",
                "KEY_API", "_KEY", "API__KEY", "API_KEY_", "PRIVATE_KEY", "auth_Key", "password", "x_PassWd_y", "SECRET_", "_",
                "", "__", "TOKEN__", "credentials", "OPENCLAW_STATE_DIR", "PATH", "APIKEY", "AUTHKEY", "ſecret", "TOKıN", "ΤΟΚΕΝ"));
        Random random = new Random(5);
        String[] pieces = {"TOKEN", "token", "Key", "KEY", "API", "api", "AUTH", "PRIVATE", "_", "_", "__", "X", "SECRET", "PASS",
                "WD", "ſ", "ı", "ß", "é", "CREDENTIAL", "S", "APIKEY"};
        for (int k = 0; k < 20000; k++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            names.add(b.toString());
        }
        int secret = 0;
        for (String name : names) {
            assertThat(SecretNames.isSecret(name)).as(name).isEqualTo(SecretNames.bySplitting(name));
            secret += SecretNames.isSecret(name) ? 1 : 0;
        }
        assertThat(secret).isBetween(1000, names.size() - 1000);
        assertThat(SecretNames.isSecret(null)).isFalse();
    }
}
