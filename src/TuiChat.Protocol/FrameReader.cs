using System.Buffers.Binary;

namespace TuiChat.Protocol;

/// <summary>
/// Reads length-prefixed frames (4-byte big-endian length, then the payload) from a stream.
/// It buffers reads so that many small frames cost one system call, and hands out payloads as
/// slices of its own buffer: a payload is valid only until the next call.
/// A length of 0 or over <see cref="MaxFrame"/> is rejected before any buffer of that size
/// exists, and the buffer grows only as the frame's bytes arrive (at most twice what was
/// received), so a header that announces a large frame costs nothing until the bytes are sent.
/// </summary>
public sealed class FrameReader
{
    public const int HeaderSize = 4;
    private const int InitialBufferSize = 4 * 1024;
    private const int LargeBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private int _maxFrame;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private int _consumed;

    public FrameReader(Stream stream, int maxFrame = ProtocolLimits.DefaultMaxFrame)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrame, 1);
        _stream = stream;
        _maxFrame = maxFrame;
    }

    /// <summary>The largest payload accepted; may change between frames (a server raises it after login).</summary>
    public int MaxFrame
    {
        get => _maxFrame;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxFrame = value;
        }
    }

    /// <summary>
    /// Whether <see cref="TryReadFrame"/> will not wait for the stream: the next frame is wholly
    /// buffered (or its header is, and announces a length that is refused at once).
    /// </summary>
    public bool HasFrame
    {
        get
        {
            int start = _start + _consumed;
            if (_end - start < HeaderSize)
            {
                return false;
            }
            uint length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(start, HeaderSize));
            return length == 0 || length > (uint)_maxFrame || _end - start - HeaderSize >= length;
        }
    }

    /// <summary>
    /// Reads the next frame. Returns false when the stream ends cleanly between frames.
    /// Throws <see cref="ProtocolViolationException"/> for a bad length and
    /// <see cref="EndOfStreamException"/> when the stream ends inside a frame.
    /// </summary>
    public bool TryReadFrame(out ReadOnlyMemory<byte> payload)
    {
        _start += _consumed;
        _consumed = 0;
        payload = default;

        if (!Fill(HeaderSize))
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start, HeaderSize));
        if (length == 0)
        {
            throw new ProtocolViolationException("frame length is 0");
        }
        if (length > (uint)_maxFrame)
        {
            throw new ProtocolViolationException($"frame length {length} exceeds the limit of {_maxFrame} bytes");
        }

        int total = HeaderSize + (int)length;
        if (!Fill(total))
        {
            throw new EndOfStreamException("the stream ended inside a frame");
        }

        payload = new ReadOnlyMemory<byte>(_buffer, _start + HeaderSize, (int)length);
        _consumed = total;
        return true;
    }

    /// <summary>Ensures <paramref name="count"/> bytes are buffered from <see cref="_start"/>.</summary>
    private bool Fill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        while (_end - _start < count)
        {
            MakeRoom(count);
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                if (_end == _start)
                {
                    return false;
                }
                throw new EndOfStreamException("the stream ended inside a frame");
            }
            _end += read;
        }
        return true;
    }

    /// <summary>
    /// Makes room to read more of the <paramref name="count"/> bytes wanted from <see cref="_start"/>:
    /// compacts, or doubles the buffer (never beyond <paramref name="count"/>) once it is full.
    /// </summary>
    private void MakeRoom(int count)
    {
        if (_start == _end)
        {
            // Nothing buffered: rewind, and drop back to a small buffer after a large frame
            // so that idle connections stay cheap.
            _start = _end = 0;
            if (_buffer.Length > LargeBufferSize && count <= InitialBufferSize)
            {
                _buffer = new byte[InitialBufferSize];
            }
        }
        if (_buffer.Length - _start >= count || _end < _buffer.Length)
        {
            return;
        }

        int buffered = _end - _start;
        byte[] target = count > _buffer.Length
            ? new byte[Math.Min(count, Math.Max(_buffer.Length * 2, InitialBufferSize))]
            : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, buffered);
        _buffer = target;
        _start = 0;
        _end = buffered;
    }
}
