namespace TuiChat.Protocol.Tests;

/// <summary>A read-only stream that hands out its bytes in pieces of the given sizes, like a socket would.</summary>
internal sealed class ChunkedStream(byte[] data, params int[] pieces) : Stream
{
    private int _position;
    private int _piece;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= data.Length)
        {
            return 0;
        }
        int size = pieces.Length == 0 ? count : pieces[Math.Min(_piece++, pieces.Length - 1)];
        int n = Math.Min(Math.Min(size, count), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
