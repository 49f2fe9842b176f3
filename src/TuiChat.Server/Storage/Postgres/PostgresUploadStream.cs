using Npgsql;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// Writes an upload into <c>file_chunks</c>: bytes gather until a row of
/// <see cref="PostgresFileStore.ChunkBytes"/> is full, then go in as one committed row, so memory
/// stays at one row whatever the file's size. <see cref="Flush"/> writes the last, shorter row.
/// </summary>
internal sealed class PostgresUploadStream(NpgsqlDataSource dataSource, string fileId) : Stream
{
    private readonly byte[] _buffer = new byte[PostgresFileStore.ChunkBytes];
    private int _filled;
    private int _nextSeq;
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            _length += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length)
            {
                WriteRow();
            }
        }
    }

    public override void Flush()
    {
        if (_filled > 0)
        {
            WriteRow();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void WriteRow()
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        using NpgsqlCommand command = PostgresChatStore.Command(connection,
            "INSERT INTO file_chunks (file_id, seq, data) VALUES ($1, $2, $3)", fileId, _nextSeq, _buffer[.._filled]);
        command.ExecuteNonQuery();
        _nextSeq++;
        _filled = 0;
    }
}
