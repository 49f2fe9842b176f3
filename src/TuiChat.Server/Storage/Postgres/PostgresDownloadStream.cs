using Npgsql;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// Reads a stored file from <c>file_chunks</c> one row at a time as the download drains, so a large
/// file is never in memory at once and no connection is held between reads.
/// </summary>
internal sealed class PostgresDownloadStream(NpgsqlDataSource dataSource, string fileId) : Stream
{
    private byte[] _row = [];
    private int _offset;
    private int _nextSeq;
    private long _position;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _row.Length && !_ended)
        {
            _row = NextRow() ?? [];
            _offset = 0;
            _ended = _row.Length == 0;
        }
        int take = Math.Min(buffer.Length, _row.Length - _offset);
        _row.AsSpan(_offset, take).CopyTo(buffer);
        _offset += take;
        _position += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private byte[]? NextRow()
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        using NpgsqlCommand command = PostgresChatStore.Command(connection, "SELECT data FROM file_chunks WHERE file_id = $1 AND seq = $2", fileId, _nextSeq);
        byte[]? row = command.ExecuteScalar() as byte[];
        _nextSeq++;
        return row;
    }
}
