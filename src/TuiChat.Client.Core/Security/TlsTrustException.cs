namespace TuiChat.Client.Core.Security;

/// <summary>
/// The client refused the server's certificate. The message is meant for the user: it says why
/// and shows the certificate's fingerprint, so it can be checked with the server's operator.
/// </summary>
public sealed class TlsTrustException : Exception
{
    public TlsTrustException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The SHA-256 fingerprint of the refused certificate, "AB:CD:..." (empty when none was sent).</summary>
    public string ServerFingerprint { get; init; } = "";
}
