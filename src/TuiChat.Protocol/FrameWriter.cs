using System.Buffers.Binary;

namespace TuiChat.Protocol;

/// <summary>Builds length-prefixed frames.</summary>
public static class FrameWriter
{
    /// <summary>Returns a whole frame: the 4-byte big-endian length, then <paramref name="payload"/>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        byte[] frame = new byte[FrameReader.HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(FrameReader.HeaderSize));
        return frame;
    }
}
