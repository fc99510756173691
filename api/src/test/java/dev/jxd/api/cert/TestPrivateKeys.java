package dev.jxd.api.cert;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPrivateKeys
{
    @Test
    void testSec1KeyCarriesTheCertificatePublicKey()
    {
        CertificateAndKey generated = Certificates.generate("alice@host", false, Duration.ofDays(1));

        PrivateKeys.ParsedKey parsed = PrivateKeys.parse(generated.privateKeyPem());

        assertThat(parsed.subjectPublicKeyInfo()).hasValueSatisfying(info -> assertThat(info).isEqualTo(generated.certificate().getPublicKey().getEncoded()));
        assertThat(PrivateKeys.matches(parsed, generated.certificate().getPublicKey())).isTrue();
    }

    @Test
    void testKeyOfAnotherCertificateDoesNotMatch()
    {
        CertificateAndKey first = Certificates.generate("alice@host", false, Duration.ofDays(1));
        CertificateAndKey second = Certificates.generate("alice@host", false, Duration.ofDays(1));

        assertThat(PrivateKeys.matches(PrivateKeys.parse(first.privateKeyPem()), second.certificate().getPublicKey())).isFalse();
    }

    @Test
    void testKeyWithoutPublicKeyIsCheckedBySigning()
            throws Exception
    {
        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));
        CertificateAndKey other = Certificates.generate("bob@host", true, Duration.ofDays(1));
        ECPrivateKey key = (ECPrivateKey) generated.privateKey();
        // A SEC 1 key as some tools write it: the curve, but no public key
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(), SECObjectIdentifiers.secp384r1)
                .getEncoded(ASN1Encoding.DER);

        PrivateKeys.ParsedKey parsed = PrivateKeys.parse(pem("EC PRIVATE KEY", sec1));

        assertThat(parsed.subjectPublicKeyInfo()).isEmpty();
        assertThat(((ECPrivateKey) parsed.privateKey()).getS()).isEqualTo(key.getS());
        assertThat(PrivateKeys.matches(parsed, generated.certificate().getPublicKey())).isTrue();
        assertThat(PrivateKeys.matches(parsed, other.certificate().getPublicKey())).isFalse();
    }

    @Test
    void testPkcs8KeyWithEmbeddedPublicKey()
    {
        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));
        // openssl's PKCS #8 form wraps the whole SEC 1 structure, public key included
        byte[] sec1 = pemContent(generated.privateKeyPem());
        byte[] algorithm = Der.parse(generated.certificate().getPublicKey().getEncoded()).reader().next(Der.SEQUENCE).encoding();
        byte[] pkcs8 = Der.element(Der.SEQUENCE, new byte[] {Der.INTEGER, 1, 0}, algorithm, Der.element(Der.OCTET_STRING, sec1));

        PrivateKeys.ParsedKey parsed = PrivateKeys.parse(pem("PRIVATE KEY", pkcs8));

        assertThat(parsed.subjectPublicKeyInfo()).hasValueSatisfying(info -> assertThat(info).isEqualTo(generated.certificate().getPublicKey().getEncoded()));
        assertThat(PrivateKeys.matches(parsed, generated.certificate().getPublicKey())).isTrue();
    }

    @Test
    void testRsaKeysMatchByModulus()
            throws Exception
    {
        KeyPair first = TestCertificates.rsaKeyPair(2048);
        KeyPair second = TestCertificates.rsaKeyPair(2048);
        CertificateAndKey rsa = new CertificateAndKey(TestCertificateValidation.rsaCertificate(first, Instant.now(), Duration.ofDays(1)), first.getPrivate());

        PrivateKeys.ParsedKey parsed = PrivateKeys.parse(rsa.privateKeyPem());

        assertThat(PrivateKeys.matches(parsed, first.getPublic())).isTrue();
        assertThat(PrivateKeys.matches(parsed, second.getPublic())).isFalse();
    }

    @Test
    void testLegacyEncryptedKeyIsRejected()
    {
        String pem = """
                -----BEGIN EC PRIVATE KEY-----
                Proc-Type: 4,ENCRYPTED
                DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF

                AAAA
                -----END EC PRIVATE KEY-----
                """;

        assertThatThrownBy(() -> PrivateKeys.parse(pem))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Encrypted private keys are not supported");
    }

    @Test
    void testUnsupportedAlgorithm()
    {
        // PKCS #8 with an unknown algorithm identifier 1.2.3.4
        byte[] pkcs8 = Der.element(Der.SEQUENCE, new byte[] {Der.INTEGER, 1, 0},
                Der.element(Der.SEQUENCE, new byte[] {Der.OBJECT_IDENTIFIER, 3, 0x2a, 0x03, 0x04}),
                Der.element(Der.OCTET_STRING, new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> PrivateKeys.parse(pem("PRIVATE KEY", pkcs8)))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Malformed private key: unsupported key algorithm 1.2.3.4");
    }

    @Test
    void testPemBlocksAndHeaders()
    {
        List<Pem.Block> blocks = Pem.read("""
                preamble
                -----BEGIN ONE-----
                Proc-Type: 4,ENCRYPTED
                AQID
                -----END ONE-----
                between
                -----BEGIN TWO-----
                BA==
                -----END TWO-----
                """);

        assertThat(blocks).extracting(Pem.Block::type).containsExactly("ONE", "TWO");
        assertThat(blocks.get(0).headers()).containsEntry("Proc-Type", "4,ENCRYPTED");
        assertThat(blocks.get(0).encrypted()).isTrue();
        assertThat(blocks.get(0).content()).containsExactly(1, 2, 3);
        assertThat(blocks.get(1).encrypted()).isFalse();
        assertThat(blocks.get(1).content()).containsExactly(4);
        assertThatThrownBy(() -> Pem.read("-----BEGIN ONE-----\nAQID\n-----END TWO-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-----END ONE----- not found");
    }

    @Test
    void testDerLengthsAndObjectIdentifiers()
    {
        for (int length : new int[] {0, 127, 128, 255, 256, 70_000}) {
            byte[] encoded = Der.element(Der.OCTET_STRING, new byte[length]);
            Der.Element element = Der.parse(encoded);
            assertThat(element.tag()).isEqualTo(Der.OCTET_STRING);
            assertThat(element.contents()).hasSize(length);
            assertThat(element.encoding()).isEqualTo(encoded);
        }
        // 1.2.840.10045.2.1 (id-ecPublicKey)
        assertThat(Der.objectIdentifier(Der.parse(new byte[] {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01}))).isEqualTo("1.2.840.10045.2.1");
        assertThatThrownBy(() -> Der.parse(new byte[] {0x30, 0x05, 0x02}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("truncated DER data");
        assertThatThrownBy(() -> Der.parse(new byte[] {0x02, 0x01, 0x00, 0x00}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trailing data after DER element");
    }

    private static byte[] pemContent(String pem)
    {
        return Pem.read(pem).getFirst().content();
    }

    private static String pem(String type, byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
