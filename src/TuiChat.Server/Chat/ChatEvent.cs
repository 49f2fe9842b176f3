namespace TuiChat.Server.Chat;

/// <summary>
/// Turns domain events into one protocol's bytes. Each encoder has its own <see cref="Slot"/> in
/// every event's cache, so a fan-out to N clients of one protocol encodes the event once.
/// </summary>
public interface IEventEncoder
{
    /// <summary>This encoder's index in <see cref="ChatEvent"/>'s cache, below <see cref="ChatEvent.EncoderSlots"/>.</summary>
    int Slot { get; }

    /// <summary>The bytes to send for <paramref name="e"/>; empty when this protocol shows nothing for it.</summary>
    byte[] Encode(ChatEvent e);
}

/// <summary>
/// Something that happened in the chat, handed to every recipient's link. It knows no wire format;
/// the link's encoder turns it into bytes when the connection's writer sends it, outside the
/// ChatState lock, and the result is cached per encoder for the rest of the fan-out (ergo's
/// message cache does the same per capability set).
/// </summary>
public abstract class ChatEvent
{
    /// <summary>How many encoders may cache bytes on one event: TuiChat, and IRC with each combination of server-time and msgid tags.</summary>
    public const int EncoderSlots = 5;

    private readonly byte[]?[] _encoded = new byte[]?[EncoderSlots];

    /// <summary>
    /// An estimate of the encoded size, charged against the recipient's send queue when the event
    /// is queued (the bytes do not exist yet then). Errs on the large side.
    /// </summary>
    public abstract int SizeHint { get; }

    /// <summary><see cref="SizeHint"/>, computed by the first recipient and kept.</summary>
    internal int Charge => _charge != 0 ? _charge : _charge = SizeHint;

    private int _charge;

    /// <summary>The bytes for <paramref name="encoder"/>'s protocol: encoded by the first writer that needs them, then shared.</summary>
    public byte[] EncodedFor(IEventEncoder encoder)
    {
        byte[]? bytes = Volatile.Read(ref _encoded[encoder.Slot]);
        if (bytes is null)
        {
            // Two writers may race here and both encode; the results are equal and the first one stays.
            bytes = Interlocked.CompareExchange(ref _encoded[encoder.Slot], encoder.Encode(this), null) ?? _encoded[encoder.Slot]!;
        }
        return bytes;
    }

    /// <summary>A size estimate for events carrying <paramref name="text"/>: its UTF-8 bytes plus room for the envelope and names.</summary>
    protected static int Estimate(string text) => 160 + System.Text.Encoding.UTF8.GetByteCount(text);
}
