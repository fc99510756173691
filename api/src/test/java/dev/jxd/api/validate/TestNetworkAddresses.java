package dev.jxd.api.validate;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestNetworkAddresses
{
    @Test
    void testValidAddressLists()
    {
        // LXD's TestClusterLinkValidateConfig cases for volatile.addresses
        for (String addresses : List.of(
                "",
                "10.0.0.1:8443",
                "10.0.0.1:8443,10.0.0.2:8443",
                "[::1]:8443",
                "lxd.example.com:8443",
                "lxd01:8443",
                "10.0.0.1:1",
                "10.0.0.1:65535",
                "10.0.0.1:0",
                "   ",
                " 10.0.0.1:8443 , [fd42::2]:8443 ")) {
            assertThatCode(() -> NetworkAddresses.validateAddressList(addresses)).as(addresses).doesNotThrowAnyException();
        }
    }

    @Test
    void testInvalidAddressLists()
    {
        assertAddressListFails("10.0.0.1", "Invalid address format: address 10.0.0.1: missing port in address");
        assertAddressListFails("10.0.0.1:65536", "Invalid port: Out of port number range (0-65535) \"65536\"");
        assertAddressListFails("10.0.0.1:abc", "Invalid port: Invalid port number \"abc\"");
        assertAddressListFails("10.0.0.1:", "Invalid port: Invalid port number \"\"");
        assertAddressListFails("10.0.0.1:-1", "Invalid port: Invalid port number \"-1\"");
        assertAddressListFails("10.0.0.1:99999999999", "Invalid port: Invalid port number \"99999999999\"");
        assertAddressListFails(":8443", "Invalid host: \"\"");
        assertAddressListFails("bad_host:8443", "Invalid domain name \"bad_host\": label \"bad_host\" contains invalid character '_'");
        assertAddressListFails("10.0.0.1:8443,bad_host:8443", "Invalid domain name \"bad_host\": label \"bad_host\" contains invalid character '_'");
        assertAddressListFails("10.0.0.1:8443,,10.0.0.2:8443", "Invalid address format: address : missing port in address");
        assertAddressListFails("::1:8443", "Invalid address format: address ::1:8443: too many colons in address");
    }

    @Test
    void testParseAddressList()
    {
        assertThat(NetworkAddresses.parseAddressList(" 10.0.0.1:8443 ,[::1]:8443")).containsExactly("10.0.0.1:8443", "[::1]:8443");
        assertThat(NetworkAddresses.parseAddressList("")).isEmpty();
    }

    @Test
    void testDomainNames()
    {
        for (String name : List.of("localhost", "lxd.example.com", "a-b.example", "1.example.com", "xn--bcher-kva.example", "a".repeat(63) + ".com")) {
            assertThatCode(() -> NetworkAddresses.validateDomainName(name)).as(name).doesNotThrowAnyException();
        }

        assertDomainNameFails("", "Invalid domain name \"\": empty");
        assertDomainNameFails("a..b", "Invalid domain name \"a..b\": empty label");
        assertDomainNameFails("example.com.", "Invalid domain name \"example.com.\": empty label");
        assertDomainNameFails("-a.example", "Invalid domain name \"-a.example\": label \"-a\" starts or ends with a hyphen");
        assertDomainNameFails("a-.example", "Invalid domain name \"a-.example\": label \"a-\" starts or ends with a hyphen");
        assertDomainNameFails("a".repeat(64) + ".com", "Invalid domain name \"" + "a".repeat(64) + ".com\": label \"" + "a".repeat(64) + "\" is longer than 63 characters");
        assertDomainNameFails("12345", "Invalid domain name \"12345\": label \"12345\" is all digits");
        assertDomainNameFails("300.1.1.1", "Invalid domain name \"300.1.1.1\": label \"1\" is all digits");
        assertDomainNameFails("exämple.com", "Invalid domain name \"exämple.com\": label \"exämple\" contains invalid character 'ä'");
        assertDomainNameFails("a b", "Invalid domain name \"a b\": label \"a b\" contains invalid character ' '");
        String tooLong = String.join(".", List.of("a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63)));
        assertDomainNameFails(tooLong, "Invalid domain name \"" + tooLong + "\": longer than 253 characters");
    }

    @Test
    void testValidatePort()
    {
        assertThat(NetworkAddresses.validatePort("0")).isZero();
        assertThat(NetworkAddresses.validatePort("8443")).isEqualTo(8443);
        assertThat(NetworkAddresses.validatePort("65535")).isEqualTo(65535);
        assertThatThrownBy(() -> NetworkAddresses.validatePort("+1")).hasMessage("Invalid port number \"+1\"");
        assertThatThrownBy(() -> NetworkAddresses.validatePort("１")).hasMessage("Invalid port number \"１\"");
    }

    @Test
    void testCanonicalize()
    {
        assertThat(NetworkAddresses.canonicalize("10.0.0.1", 8443)).isEqualTo("10.0.0.1:8443");
        assertThat(NetworkAddresses.canonicalize("10.0.0.1:1234", 8443)).isEqualTo("10.0.0.1:1234");
        assertThat(NetworkAddresses.canonicalize("10.0.0.1:", 8443)).isEqualTo("10.0.0.1:8443");
        assertThat(NetworkAddresses.canonicalize("::1", 8443)).isEqualTo("[::1]:8443");
        assertThat(NetworkAddresses.canonicalize("0:0:0:0:0:0:0:1", 8443)).isEqualTo("[::1]:8443");
        assertThat(NetworkAddresses.canonicalize("::ffff:10.0.0.1", 8443)).isEqualTo("10.0.0.1:8443");
        assertThat(NetworkAddresses.canonicalize("[::1]:", 8443)).isEqualTo("[::1]:8443");
        assertThat(NetworkAddresses.canonicalize("[::1]:9000", 8443)).isEqualTo("[::1]:9000");
        assertThat(NetworkAddresses.canonicalize("[::]", 8443)).isEqualTo("[::]:8443");
        assertThat(NetworkAddresses.canonicalize("example.com", 443)).isEqualTo("example.com:443");
        assertThat(NetworkAddresses.canonicalize(":9443", 8443)).isEqualTo(":9443");
        assertThat(NetworkAddresses.canonicalize("", 8443)).isEqualTo(":8443");
    }

    @Test
    void testValidListenAddresses()
    {
        for (String address : List.of("", ":8443", "127.0.0.1:8443", "[::1]:8443", "0.0.0.0", "0.0.0.0:8443", "::", "[::]", "[::]:8443",
                "127.0.0.1", "::1", "[::1]", "127.0.0.1:", "example.com", "lxd.example.com:9443")) {
            assertThatCode(() -> NetworkAddresses.validateListenAddress(address)).as(address).doesNotThrowAnyException();
        }
    }

    @Test
    void testInvalidListenAddresses()
    {
        assertListenAddressFails("127.0.0.1:99999", "Invalid listen address \"127.0.0.1:99999\": Out of port number range (0-65535) \"99999\"");
        assertListenAddressFails(":http", "Invalid listen address \":http\": Invalid port number \"http\"");
        assertListenAddressFails("bad_host:8443", "Invalid listen address \"bad_host:8443\": Invalid domain name \"bad_host\": label \"bad_host\" contains invalid character '_'");
        assertListenAddressFails("[::1", "Invalid listen address \"[::1\": Invalid domain name \"[::1\": label \"[::1\" contains invalid character '['");
        assertListenAddressFails("[127.0.0.1]", "Invalid listen address \"[127.0.0.1]\": Not an IPv6 address \"127.0.0.1\"");
        assertListenAddressFails("256.0.0.1", "Invalid listen address \"256.0.0.1\": Invalid domain name \"256.0.0.1\": label \"1\" is all digits");
    }

    @Test
    void testParseIpLiteral()
    {
        assertThat(NetworkAddresses.parseIpLiteral("192.0.2.1")).contains(InetAddress.ofLiteral("192.0.2.1"));
        assertThat(NetworkAddresses.parseIpLiteral("::1")).contains(InetAddress.ofLiteral("::1"));
        assertThat(NetworkAddresses.parseIpLiteral("2001:DB8::1")).contains(InetAddress.ofLiteral("2001:db8::1"));
        assertThat(NetworkAddresses.parseIpLiteral("::ffff:192.0.2.1")).contains(InetAddress.ofLiteral("192.0.2.1"));

        for (String text : List.of("", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3", " 1.2.3.4", "example.com", "[::1]",
                "fe80::1%eth0", "fe80::1%1", "1::2::3", "::ffff:01.2.3.4", "localhost", "0x1.2.3.4")) {
            assertThat(NetworkAddresses.parseIpLiteral(text)).as(text).isEmpty();
        }
    }

    @Test
    void testFormatIpLikeGo()
    {
        assertThat(format("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(format("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(format("1:0:0:0:0:0:0:0")).isEqualTo("1::");
        assertThat(format("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(format("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(format("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(format("::1.2.3.4")).isEqualTo("::102:304");
        assertThat(format("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    private static String format(String literal)
    {
        return NetworkAddresses.formatIp(InetAddress.ofLiteral(literal));
    }

    private static void assertAddressListFails(String addresses, String message)
    {
        assertThatThrownBy(() -> NetworkAddresses.validateAddressList(addresses))
                .as(addresses)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    private static void assertDomainNameFails(String name, String message)
    {
        assertThatThrownBy(() -> NetworkAddresses.validateDomainName(name))
                .as(name)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    private static void assertListenAddressFails(String address, String message)
    {
        assertThatThrownBy(() -> NetworkAddresses.validateListenAddress(address))
                .as(address)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }
}
