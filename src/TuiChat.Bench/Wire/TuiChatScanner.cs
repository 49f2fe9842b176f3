using System.Buffers.Binary;
using TuiChat.Protocol;

namespace TuiChat.Bench.Wire;

/// <summary>
/// Splits received bytes into TuiChat frames and finds the bench marker in <c>message</c> events
/// without decoding JSON or allocating: the server writes <c>type</c> first, so a prefix compare
/// picks out message events, and a span search finds the start of their <c>text</c>.
/// </summary>
internal static class TuiChatScanner
{
    private static ReadOnlySpan<byte> MessagePrefix => "{\"type\":\"message\""u8;
    private static ReadOnlySpan<byte> TextField => "\"text\":\""u8;

    /// <summary>
    /// Reports every complete frame in <paramref name="data"/> and returns the bytes consumed.
    /// <paramref name="needed"/> is the size of the incomplete frame left at the end (0 if none
    /// or its length is not known yet), so that the caller can grow its buffer.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> data, IReceiveSink sink, out int needed)
    {
        int offset = 0;
        needed = 0;
        while (data.Length - offset >= FrameReader.HeaderSize)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset));
            if (length == 0 || length > ProtocolLimits.DefaultMaxFrame)
            {
                throw new ProtocolViolationException($"the server sent a frame of length {length}");
            }
            int total = FrameReader.HeaderSize + (int)length;
            if (data.Length - offset < total)
            {
                needed = total;
                break;
            }
            Dispatch(data.Slice(offset + FrameReader.HeaderSize, (int)length), sink);
            offset += total;
        }
        return offset;
    }

    private static void Dispatch(ReadOnlySpan<byte> payload, IReceiveSink sink)
    {
        if (payload.StartsWith(MessagePrefix))
        {
            int text = payload.IndexOf(TextField);
            if (text >= 0
                && Marker.TryParse(payload.Slice(text + TextField.Length), out int sender, out int seq, out long ticks))
            {
                sink.OnMarker(sender, seq, ticks);
                return;
            }
        }
        sink.OnControl(payload);
    }
}
