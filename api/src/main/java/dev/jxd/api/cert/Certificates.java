package dev.jxd.api.cert;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManager;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.util.Objects.requireNonNull;

/**
 * X.509 certificates and keys the way LXD makes and reads them ({@code shared/cert.go}): self-signed
 * ECDSA P-384 certificates, PEM files, and SHA-256 fingerprints that identify TLS identities.
 */
public final class Certificates
{
    /** LXD's certificate lifetime: ten years of 365 days. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(10 * 365);

    // LXD backdates NotBefore so a peer whose clock runs slightly behind still accepts a fresh certificate
    private static final Duration NOT_BEFORE_BACKDATE = Duration.ofMinutes(1);
    private static final String CURVE = "secp384r1";
    private static final String SIGNATURE_ALGORITHM = "SHA384withECDSA";
    private static final String ORGANIZATION = "LXD";
    private static final int SERIAL_NUMBER_BITS = 128;
    private static final Set<PosixFilePermission> KEY_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> CERTIFICATE_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwxr-x---");
    private Certificates() {}

    // Seeding a SecureRandom loads the security providers; callers that only want the host name should not pay for it
    private static final class Random
    {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /**
     * Generates a key pair and an LXD-style self-signed certificate valid from one minute ago. A server
     * certificate names this host, {@code 127.0.0.1} and {@code ::1} as subject alternative names, as LXD's
     * {@code server.crt} does; a client certificate has none.
     */
    public static CertificateAndKey generate(String commonName, boolean client, Duration validity)
    {
        requireNonNull(commonName, "commonName is null");
        requireNonNull(validity, "validity is null");
        CertificateTemplate template = CertificateTemplate.of(commonName, client, Instant.now().minus(NOT_BEFORE_BACKDATE), validity);
        if (!client) {
            template = template.withSubjectAlternativeNames(
                    List.of(localHostName()),
                    List.of(InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("::1")));
        }
        return generate(template);
    }

    public static CertificateAndKey generate(CertificateTemplate template)
    {
        requireNonNull(template, "template is null");
        KeyPair keyPair = generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, template.commonName())
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(SERIAL_NUMBER_BITS, Random.INSTANCE),
                Date.from(template.notBefore()),
                Date.from(template.notAfter()),
                subject,
                keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(template.client() ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            List<GeneralName> alternativeNames = new ArrayList<>();
            for (String dnsName : template.dnsNames()) {
                alternativeNames.add(new GeneralName(GeneralName.dNSName, dnsName));
            }
            for (InetAddress address : template.ipAddresses()) {
                alternativeNames.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())));
            }
            if (!alternativeNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            }
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new CertificateAndKey(certificate, keyPair.getPrivate());
        }
        catch (IOException | OperatorCreationException | CertificateException exception) {
            throw new IllegalStateException("Failed to create certificate", exception);
        }
    }

    /** LXD's common name for generated certificates: {@code <user>@<hostname>}. */
    public static String defaultCommonName()
    {
        String user = System.getProperty("user.name", "");
        return (user.isEmpty() ? "UNKNOWN" : user) + "@" + localHostName();
    }

    /** The kernel host name, as Go's {@code os.Hostname} reports it; no DNS lookup unless that fails. */
    public static String localHostName()
    {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        }
        catch (IOException | SecurityException _) {
            // not Linux, fall back to the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException _) {
            return "UNKNOWN";
        }
    }

    /**
     * Loads {@code <baseName>.crt} and {@code <baseName>.key} from {@code directory}, or, unless both
     * exist, generates a new pair with {@link #DEFAULT_VALIDITY} and writes it there (LXD's
     * {@code FindOrGenCert}). The key file is created with mode 0600 and the certificate with 0644;
     * each is written to a temporary file that is renamed into place, so a crash never leaves a
     * truncated file behind and the key is never readable by others, not even briefly.
     *
     * @throws UncheckedIOException if the files cannot be read or written
     * @throws CertificateParseException if existing files do not hold a matching certificate and key
     */
    public static CertificateAndKey loadOrCreate(Path directory, String baseName, boolean client)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(baseName, "baseName is null");
        Path certificatePath = directory.resolve(baseName + ".crt");
        Path keyPath = directory.resolve(baseName + ".key");
        try {
            if (Files.exists(certificatePath) && Files.exists(keyPath)) {
                return load(certificatePath, keyPath);
            }
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
            }
            CertificateAndKey generated = generate(defaultCommonName(), client, DEFAULT_VALIDITY);
            writeAtomically(directory, keyPath, generated.privateKeyPem(), KEY_FILE_PERMISSIONS);
            writeAtomically(directory, certificatePath, generated.certificatePem(), CERTIFICATE_FILE_PERMISSIONS);
            return generated;
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Failed to load or create certificate " + certificatePath, exception);
        }
    }

    /**
     * Writes {@code <baseName>.crt} and {@code <baseName>.key} into {@code directory} the way
     * {@link #loadOrCreate} does (key 0600, atomic renames).
     */
    public static void write(Path directory, String baseName, CertificateAndKey certificateAndKey)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(baseName, "baseName is null");
        requireNonNull(certificateAndKey, "certificateAndKey is null");
        try {
            writeAtomically(directory, directory.resolve(baseName + ".key"), certificateAndKey.privateKeyPem(), KEY_FILE_PERMISSIONS);
            writeAtomically(directory, directory.resolve(baseName + ".crt"), certificateAndKey.certificatePem(), CERTIFICATE_FILE_PERMISSIONS);
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Failed to write certificate " + baseName + " in " + directory, exception);
        }
    }

    /** Parses a certificate and its private key from PEM text, checking that they belong together. */
    public static CertificateAndKey fromPem(String certificatePem, String privateKeyPem)
    {
        X509Certificate certificate = parsePem(certificatePem);
        PrivateKeys.ParsedKey privateKey = PrivateKeys.parse(privateKeyPem);
        if (!PrivateKeys.matches(privateKey, certificate.getPublicKey())) {
            throw new CertificateParseException("The private key does not match the certificate");
        }
        return new CertificateAndKey(certificate, privateKey.privateKey());
    }

    private static CertificateAndKey load(Path certificatePath, Path keyPath)
            throws IOException
    {
        X509Certificate certificate;
        PrivateKeys.ParsedKey privateKey;
        try {
            certificate = parsePem(Files.readString(certificatePath, StandardCharsets.US_ASCII));
        }
        catch (CertificateParseException exception) {
            throw new CertificateParseException("Invalid certificate file " + certificatePath + ": " + exception.getMessage(), exception);
        }
        try {
            privateKey = PrivateKeys.parse(Files.readString(keyPath, StandardCharsets.US_ASCII));
        }
        catch (CertificateParseException exception) {
            throw new CertificateParseException("Invalid private key file " + keyPath + ": " + exception.getMessage(), exception);
        }
        if (!PrivateKeys.matches(privateKey, certificate.getPublicKey())) {
            throw new CertificateParseException("Private key " + keyPath + " does not match certificate " + certificatePath);
        }
        return new CertificateAndKey(certificate, privateKey.privateKey());
    }

    private static void writeAtomically(Path directory, Path target, String content, Set<PosixFilePermission> permissions)
            throws IOException
    {
        // The permissions are part of the create call, so the file never exists with wider access
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(permissions));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            if (permissions.equals(CERTIFICATE_FILE_PERMISSIONS)) {
                // A restrictive umask may have narrowed the public certificate at creation; widening it is harmless
                Files.setPosixFilePermissions(temporary, permissions);
            }
            Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
        }
        catch (IOException | RuntimeException exception) {
            Files.deleteIfExists(temporary);
            throw exception;
        }
    }

    /**
     * Parses the first PEM block of {@code pem}, which must be a {@code CERTIFICATE} (like Go's
     * {@code pem.Decode} followed by {@code x509.ParseCertificate}). Text around the block is ignored.
     */
    public static X509Certificate parsePem(String pem)
    {
        requireNonNull(pem, "pem is null");
        List<Pem.Block> blocks = readPemBlocks(pem);
        if (blocks.isEmpty()) {
            throw new CertificateParseException("Not a certificate: no PEM data found");
        }
        Pem.Block first = blocks.getFirst();
        if (!first.type().equals("CERTIFICATE")) {
            throw new CertificateParseException("Not a certificate: PEM block is of type \"" + first.type() + "\"");
        }
        return parseDer(first.content());
    }

    /** Parses every {@code CERTIFICATE} block of {@code pem}, in order; other block types are skipped. */
    public static List<X509Certificate> parsePemChain(String pem)
    {
        requireNonNull(pem, "pem is null");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Pem.Block block : readPemBlocks(pem)) {
            if (block.type().equals("CERTIFICATE")) {
                certificates.add(parseDer(block.content()));
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateParseException("Not a certificate: no CERTIFICATE block found");
        }
        return List.copyOf(certificates);
    }

    public static String toPem(X509Certificate certificate)
    {
        requireNonNull(certificate, "certificate is null");
        return pem("CERTIFICATE", encoded(certificate));
    }

    /** LXD's fingerprint: lowercase hex SHA-256 of the DER certificate (also the TLS identity identifier). */
    public static String fingerprint(X509Certificate certificate)
    {
        requireNonNull(certificate, "certificate is null");
        return HexFormat.of().formatHex(sha256(encoded(certificate)));
    }

    /**
     * Parses a PEM private key: {@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY} or PKCS #8 {@code PRIVATE KEY}.
     * Blocks before the key (such as the {@code EC PARAMETERS} block openssl writes) are skipped.
     */
    public static PrivateKey parsePrivateKeyPem(String pem)
    {
        requireNonNull(pem, "pem is null");
        return PrivateKeys.parse(pem).privateKey();
    }

    /** Key managers presenting {@code certificateAndKey} in a TLS handshake, for client and server SSL contexts. */
    public static KeyManager[] keyManagers(CertificateAndKey certificateAndKey)
    {
        requireNonNull(certificateAndKey, "certificateAndKey is null");
        return new KeyManager[] {new FixedKeyManager(certificateAndKey)};
    }

    static String privateKeyToPem(PrivateKey privateKey, PublicKey publicKey)
    {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) && privateKey instanceof ECPrivateKey ecKey) {
                // The JDK's PKCS #8 form keeps the curve outside the inner SEC 1 structure; a standalone
                // EC PRIVATE KEY needs it inside (Go and openssl reject it otherwise), plus the public key as Go writes it
                ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
                SubjectPublicKeyInfo publicKeyInfo = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
                org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        ecKey.getParams().getOrder().bitLength(),
                        ecKey.getS(),
                        publicKeyInfo.getPublicKeyData(),
                        curve);
                return pem("EC PRIVATE KEY", sec1.getEncoded(ASN1Encoding.DER));
            }
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded(ASN1Encoding.DER));
            }
        }
        catch (IOException exception) {
            throw new IllegalStateException("Failed to encode private key", exception);
        }
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    private static KeyPair generateKeyPair()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), Random.INSTANCE);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException exception) {
            throw new IllegalStateException("Failed to generate key pair", exception);
        }
    }

    private static List<Pem.Block> readPemBlocks(String text)
    {
        try {
            return Pem.read(text);
        }
        catch (IllegalArgumentException exception) {
            throw new CertificateParseException("Malformed PEM data: " + exception.getMessage(), exception);
        }
    }

    private static X509Certificate parseDer(byte[] der)
    {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        }
        catch (CertificateException exception) {
            throw new CertificateParseException("Not a certificate: " + exception.getMessage(), exception);
        }
    }

    private static byte[] encoded(X509Certificate certificate)
    {
        try {
            return certificate.getEncoded();
        }
        catch (CertificateException exception) {
            throw new IllegalArgumentException("Certificate cannot be encoded", exception);
        }
    }

    private static String pem(String type, byte[] der)
    {
        // Go's pem.Encode layout: 64-column base64 lines, LF line endings, trailing newline
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] sha256(byte[] data)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is not available", exception);
        }
    }
}
