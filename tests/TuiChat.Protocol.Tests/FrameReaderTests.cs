using System.Text;

namespace TuiChat.Protocol.Tests;

public class FrameReaderTests
{
    private static byte[] Frames(params string[] payloads) =>
        payloads.SelectMany(p => FrameWriter.Frame(Encoding.UTF8.GetBytes(p))).ToArray();

    private static List<string> ReadAll(Stream stream, int maxFrame = ProtocolLimits.DefaultMaxFrame)
    {
        var reader = new FrameReader(stream, maxFrame);
        var result = new List<string>();
        while (reader.TryReadFrame(out ReadOnlyMemory<byte> payload))
        {
            result.Add(Encoding.UTF8.GetString(payload.Span));
        }
        return result;
    }

    [Fact]
    public void AnAnnouncedLargeFrame_CostsMemoryOnlyAsItsBytesArrive()
    {
        // A header announcing 1 MiB, then 100 bytes, then the peer goes quiet (here: ends).
        byte[] data = new byte[4 + 100];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, 1024 * 1024);
        var reader = new FrameReader(new ChunkedStream(data, 4, 100));

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<EndOfStreamException>(() => reader.TryReadFrame(out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated for 104 bytes received");
    }

    [Fact]
    public void ALargeFrame_ArrivingInPieces_IsReadWhole()
    {
        byte[] payload = new byte[300_000];
        new Random(7).NextBytes(payload);
        var reader = new FrameReader(new ChunkedStream(FrameWriter.Frame(payload), 4, 1000, 7000, 65536));

        Assert.True(reader.TryReadFrame(out ReadOnlyMemory<byte> read));
        Assert.Equal(payload, read.ToArray());
    }

    [Fact]
    public void MaxFrame_CanBeRaisedBetweenFrames()
    {
        byte[] data = Frames("{\"type\":\"ping\"}", new string('x', 100));
        var reader = new FrameReader(new MemoryStream(data), maxFrame: 50);

        Assert.True(reader.TryReadFrame(out _));
        reader.MaxFrame = 200;
        Assert.True(reader.TryReadFrame(out ReadOnlyMemory<byte> second));
        Assert.Equal(100, second.Length);
    }

    [Fact]
    public void Frame_WritesBigEndianLengthPrefix()
    {
        byte[] frame = FrameWriter.Frame(new byte[258]);

        Assert.Equal(new byte[] { 0, 0, 1, 2 }, frame[..4]);
        Assert.Equal(262, frame.Length);
    }

    [Fact]
    public void TryReadFrame_InputSplitAtEveryByteBoundary_YieldsTheSameFrames()
    {
        string[] payloads = ["{\"type\":\"ping\"}", "{\"type\":\"msg\",\"to\":\"#a\",\"text\":\"héllo\"}", "{\"type\":\"pong\"}"];
        byte[] data = Frames(payloads);

        for (int split = 1; split < data.Length; split++)
        {
            // First piece ends at `split`, the rest comes in one read.
            Assert.Equal(payloads, ReadAll(new ChunkedStream(data, split, data.Length)));
        }
        Assert.Equal(payloads, ReadAll(new ChunkedStream(data, 1)));
    }

    [Fact]
    public void TryReadFrame_ManyFramesInOneRead_AreAllReturned()
    {
        string[] payloads = Enumerable.Range(0, 1000).Select(i => $"{{\"type\":\"x{i}\"}}").ToArray();

        Assert.Equal(payloads, ReadAll(new MemoryStream(Frames(payloads))));
    }

    [Fact]
    public void HasFrame_SaysWhetherTheNextFrameIsBufferedWhole()
    {
        // Two frames and half of a third arrive in one read: the server's reader starts the
        // writers its requests claimed when the next read would wait for the socket.
        byte[] third = Frames("three");
        byte[] data = [.. Frames("one", "two"), .. third];
        int firstRead = data.Length - third.Length / 2;
        var reader = new FrameReader(new ChunkedStream(data, firstRead, data.Length - firstRead));

        Assert.False(reader.HasFrame);
        Assert.True(reader.TryReadFrame(out _));
        Assert.True(reader.HasFrame);
        Assert.True(reader.TryReadFrame(out _));
        Assert.False(reader.HasFrame);
        Assert.True(reader.TryReadFrame(out ReadOnlyMemory<byte> last));
        Assert.Equal("three", Encoding.UTF8.GetString(last.Span));
        Assert.False(reader.HasFrame);
    }

    [Fact]
    public void HasFrame_IsTrueForAHeaderThatIsRefusedWithoutWaiting()
    {
        byte[] data = [.. Frames("ok"), 0, 0, 0, 0];
        var reader = new FrameReader(new MemoryStream(data));

        Assert.True(reader.TryReadFrame(out _));
        Assert.True(reader.HasFrame);
        Assert.Throws<ProtocolViolationException>(() => reader.TryReadFrame(out _));
    }

    [Fact]
    public void TryReadFrame_FrameLargerThanTheInitialBuffer_IsReturnedWhole()
    {
        string big = "{\"type\":\"msg\",\"text\":\"" + new string('a', 200_000) + "\"}";

        Assert.Equal([big, "{\"type\":\"ping\"}"], ReadAll(new ChunkedStream(Frames(big, "{\"type\":\"ping\"}"), 777)));
    }

    [Fact]
    public void TryReadFrame_EmptyStream_ReturnsFalse()
    {
        Assert.Empty(ReadAll(new MemoryStream()));
    }

    [Fact]
    public void TryReadFrame_ZeroLength_IsAViolation()
    {
        var reader = new FrameReader(new MemoryStream(new byte[] { 0, 0, 0, 0 }));

        Assert.Throws<ProtocolViolationException>(() => reader.TryReadFrame(out _));
    }

    [Fact]
    public void TryReadFrame_LengthOverMaxFrame_IsRejectedFromTheHeaderAlone()
    {
        // Only the header is there: a reader that tried to buffer 4 GiB first would fail differently.
        var reader = new FrameReader(new MemoryStream(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }));

        var e = Assert.Throws<ProtocolViolationException>(() => reader.TryReadFrame(out _));
        Assert.Contains("exceeds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadFrame_LengthOneOverAConfiguredMax_IsAViolation()
    {
        byte[] data = FrameWriter.Frame(new byte[101]);

        Assert.Throws<ProtocolViolationException>(() => ReadAll(new MemoryStream(data), maxFrame: 100));
        Assert.Single(ReadAll(new MemoryStream(FrameWriter.Frame(new byte[100])), maxFrame: 100));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    public void TryReadFrame_StreamEndsInsideAFrame_Throws(int keep)
    {
        byte[] data = Frames("{\"type\":\"ping\"}")[..keep];

        Assert.Throws<EndOfStreamException>(() => ReadAll(new MemoryStream(data)));
    }
}
