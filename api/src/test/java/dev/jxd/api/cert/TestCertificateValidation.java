package dev.jxd.api.cert;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static dev.jxd.api.cert.TestCertificates.rsaKeyPair;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestCertificateValidation
{
    @Test
    void testCurrentCertificateIsAccepted()
    {
        X509Certificate certificate = Certificates.generate("alice@host", true, Duration.ofDays(1)).certificate();

        assertThatCode(() -> CertificateValidation.validateClientCertificate(certificate, Instant.now())).doesNotThrowAnyException();
    }

    @Test
    void testExpiredCertificate()
    {
        Instant now = Instant.now();
        X509Certificate certificate = Certificates.generate(
                CertificateTemplate.of("alice@host", true, now.minus(Duration.ofDays(2)), Duration.ofDays(1))).certificate();

        assertThatThrownBy(() -> CertificateValidation.validateClientCertificate(certificate, now))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessage("The provided certificate is expired");
    }

    @Test
    void testCertificateNotValidYet()
    {
        Instant now = Instant.now();
        X509Certificate certificate = Certificates.generate(
                CertificateTemplate.of("alice@host", true, now.plus(Duration.ofDays(1)), Duration.ofDays(1))).certificate();

        assertThatThrownBy(() -> CertificateValidation.validateClientCertificate(certificate, now))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessage("The provided certificate is not valid yet");
    }

    @Test
    void testValidityBoundsAreInclusive()
    {
        X509Certificate certificate = Certificates.generate("alice@host", true, Duration.ofDays(1)).certificate();
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();

        assertThatCode(() -> CertificateValidation.validateClientCertificate(certificate, notBefore)).doesNotThrowAnyException();
        assertThatCode(() -> CertificateValidation.validateClientCertificate(certificate, notAfter)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CertificateValidation.validateClientCertificate(certificate, notBefore.minusNanos(1)))
                .hasMessage("The provided certificate is not valid yet");
        assertThatThrownBy(() -> CertificateValidation.validateClientCertificate(certificate, notAfter.plusNanos(1)))
                .hasMessage("The provided certificate is expired");
    }

    @Test
    void testWeakRsaKey()
            throws Exception
    {
        Instant now = Instant.now();
        X509Certificate certificate = rsaCertificate(rsaKeyPair(1024), now.minusSeconds(60), Duration.ofDays(1));

        assertThatThrownBy(() -> CertificateValidation.validateClientCertificate(certificate, now))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessage("RSA key is too weak (minimum of 2048bit)");
    }

    @Test
    void testRsaKeyOf2048BitsIsAccepted()
            throws Exception
    {
        Instant now = Instant.now();
        X509Certificate certificate = rsaCertificate(rsaKeyPair(2048), now.minusSeconds(60), Duration.ofDays(1));

        assertThatCode(() -> CertificateValidation.validateClientCertificate(certificate, now)).doesNotThrowAnyException();
    }

    @Test
    void testExpiryIsCheckedBeforeKeyStrength()
            throws Exception
    {
        Instant now = Instant.now();
        X509Certificate certificate = rsaCertificate(rsaKeyPair(1024), now.minus(Duration.ofDays(3)), Duration.ofDays(1));

        assertThatThrownBy(() -> CertificateValidation.validateClientCertificate(certificate, now))
                .hasMessage("The provided certificate is expired");
    }

    static X509Certificate rsaCertificate(KeyPair keyPair, Instant notBefore, Duration validity)
            throws Exception
    {
        X500Name subject = new X500Name("CN=rsa@test");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.ONE,
                Date.from(notBefore),
                Date.from(notBefore.plus(validity)),
                subject,
                keyPair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
    }
}
