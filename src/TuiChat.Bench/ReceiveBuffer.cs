namespace TuiChat.Bench;

/// <summary>
/// A reusable receive buffer: the socket reads into <see cref="Free"/>, a scanner consumes whole
/// frames or lines from <see cref="Pending"/>, and an incomplete tail is moved to the front only
/// when the space behind it runs short. It grows only for a unit larger than itself.
/// </summary>
internal sealed class ReceiveBuffer(int size)
{
    // Move the tail forward once less than this is free behind it: few copies, reads stay large.
    private const int CompactBelow = 4 * 1024;

    private byte[] _buffer = new byte[size];
    private int _start;
    private int _end;

    public int Capacity => _buffer.Length;

    /// <summary>Where the next read goes.</summary>
    public Memory<byte> Free => _buffer.AsMemory(_end);

    /// <summary>Received bytes not consumed yet.</summary>
    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Records that a read put <paramref name="count"/> bytes into <see cref="Free"/>.</summary>
    public void Commit(int count) => _end += count;

    /// <summary>
    /// Drops <paramref name="count"/> consumed bytes. <paramref name="needed"/> is the size of the
    /// incomplete unit left at the front (0 if unknown): the buffer makes room for it.
    /// </summary>
    public void Consume(int count, int needed)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
            return;
        }
        if (_buffer.Length - _end >= Math.Min(CompactBelow, _buffer.Length / 4) && needed <= _buffer.Length - _start)
        {
            return;
        }
        int pending = _end - _start;
        byte[] target = needed > _buffer.Length ? new byte[Math.Max(needed, _buffer.Length * 2)] : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, pending);
        _buffer = target;
        _start = 0;
        _end = pending;
    }
}
