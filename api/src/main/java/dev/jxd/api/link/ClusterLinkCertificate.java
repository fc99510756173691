package dev.jxd.api.link;

/** Answer to a public link's pending phase: the certificate the user must confirm. */
public record ClusterLinkCertificate(String fingerprint, String certificate)
{
}
