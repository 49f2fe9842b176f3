using System.Text;
using TuiChat.Bench.Wire;

namespace TuiChat.Bench.Tests;

/// <summary>Collects what a scanner reports, for assertions.</summary>
internal sealed class RecordingSink : IReceiveSink
{
    public List<(int Sender, int Seq, long Ticks)> Markers { get; } = [];
    public List<string> Controls { get; } = [];

    public void OnMarker(int sender, int seq, long sentTicks) => Markers.Add((sender, seq, sentTicks));

    public void OnControl(ReadOnlySpan<byte> unit) => Controls.Add(Encoding.UTF8.GetString(unit));

    /// <summary>Feeds <paramref name="stream"/> to <paramref name="wire"/> in the given chunks, through a real <see cref="ReceiveBuffer"/>.</summary>
    public static RecordingSink Feed(IWire wire, byte[] stream, IEnumerable<int> chunkSizes, int bufferSize)
    {
        var sink = new RecordingSink();
        var buffer = new ReceiveBuffer(bufferSize);
        int offset = 0;
        foreach (int size in chunkSizes)
        {
            int remaining = size;
            while (remaining > 0)
            {
                // Like a socket read: never more than the free space.
                int count = Math.Min(remaining, buffer.Free.Length);
                Assert.True(count > 0, "the receive buffer has no free space");
                stream.AsSpan(offset, count).CopyTo(buffer.Free.Span);
                buffer.Commit(count);
                offset += count;
                remaining -= count;
                int consumed = wire.Scan(buffer.Pending, sink, out int needed);
                buffer.Consume(consumed, needed);
            }
        }
        Assert.Equal(stream.Length, offset);
        Assert.Equal(0, buffer.Pending.Length);
        return sink;
    }

    /// <summary>Every way to cut <paramref name="length"/> bytes in two, plus one byte at a time.</summary>
    public static IEnumerable<int[]> Splits(int length)
    {
        for (int cut = 0; cut <= length; cut++)
        {
            yield return [cut, length - cut];
        }
        yield return Enumerable.Repeat(1, length).ToArray();
    }
}
