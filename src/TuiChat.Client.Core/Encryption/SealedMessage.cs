using System.Buffers.Binary;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// The wire form of an end-to-end encrypted direct message: it travels as the <c>text</c> of an
/// ordinary <c>msg</c>, so the server stores, queues and relays it like any line without being
/// able to read it, and a client without encryption shows an opaque marked blob.
/// Text: <c>🔒e2e1:</c> + base64 of: version (1) | sender's agreement and signing keys (32 + 32) |
/// length (2) + envelope for the recipient | length (2) + envelope for the sender itself (so the
/// sender's own history and other sessions read back what it sent).
/// </summary>
public sealed record SealedMessage(byte[] SenderAgreement, byte[] SenderSigning, byte[] ForRecipient, byte[] ForSender)
{
    public const string Prefix = "🔒e2e1:";
    private const byte Version = 1;

    /// <summary>
    /// The longest plaintext (UTF-8 bytes) whose sealed form fits the protocol's 4,096-byte text:
    /// two envelopes, the keys and base64's 4/3 growth leave this much.
    /// </summary>
    public const int MaxPlaintextBytes = 1300;

    public static bool IsSealed(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    public string ToText()
    {
        byte[] blob = new byte[1 + 64 + 2 + ForRecipient.Length + 2 + ForSender.Length];
        Span<byte> at = blob;
        at[0] = Version;
        SenderAgreement.CopyTo(at[1..]);
        SenderSigning.CopyTo(at[33..]);
        at = at[65..];
        foreach (byte[] envelope in new[] { ForRecipient, ForSender })
        {
            BinaryPrimitives.WriteUInt16BigEndian(at, checked((ushort)envelope.Length));
            envelope.CopyTo(at[2..]);
            at = at[(2 + envelope.Length)..];
        }
        return Prefix + Convert.ToBase64String(blob);
    }

    /// <summary>Reads a sealed text; throws <see cref="EnvelopeException"/> when it is not a well-formed one.</summary>
    public static SealedMessage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] blob;
        try
        {
            blob = IsSealed(text) ? Convert.FromBase64String(text[Prefix.Length..]) : throw new EnvelopeException("not an encrypted message");
        }
        catch (FormatException)
        {
            throw new EnvelopeException("the encrypted message is not valid base64");
        }
        if (blob.Length < 1 + 64 + 4 || blob[0] != Version)
        {
            throw new EnvelopeException(blob.Length > 0 && blob[0] != Version
                ? $"the encrypted message has version {blob[0]}; this client reads version {Version}"
                : "the encrypted message is truncated");
        }
        ReadOnlySpan<byte> rest = blob.AsSpan(65);
        byte[] forRecipient = TakeEnvelope(ref rest);
        byte[] forSender = TakeEnvelope(ref rest);
        if (!rest.IsEmpty)
        {
            throw new EnvelopeException("the encrypted message has trailing bytes");
        }
        return new SealedMessage(blob[1..33], blob[33..65], forRecipient, forSender);
    }

    private static byte[] TakeEnvelope(ref ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 2 || rest.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(rest))
        {
            throw new EnvelopeException("the encrypted message is truncated");
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(rest);
        byte[] envelope = rest.Slice(2, length).ToArray();
        rest = rest[(2 + length)..];
        return envelope;
    }
}
