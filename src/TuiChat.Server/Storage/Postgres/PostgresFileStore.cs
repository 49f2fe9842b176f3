using Npgsql;
using TuiChat.Server.Files;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// File contents in PostgreSQL, cut into rows of <see cref="ChunkBytes"/> (<c>file_chunks</c>), so
/// any server sharing the database serves any download, a piece at a time. An upload's rows are
/// written as its chunks arrive and count only once <see cref="Commit"/> marks it stored.
/// </summary>
public sealed class PostgresFileStore : IFileStore
{
    /// <summary>Bytes per row: large enough to keep the row count low, small enough to read one per frame or so.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>An upload unfinished for this long was cut off by a server that stopped; its rows are dropped.</summary>
    private static readonly TimeSpan StaleUpload = TimeSpan.FromDays(1);

    private readonly NpgsqlDataSource _dataSource;

    public PostgresFileStore(NpgsqlDataSource dataSource, string description)
    {
        _dataSource = dataSource;
        Description = description + " (file_chunks)";
        // Not every unfinished upload: another server may be receiving one right now.
        Execute("DELETE FROM file_contents WHERE NOT stored AND started < $1", (DateTimeOffset.UtcNow - StaleUpload).UtcTicks);
    }

    public string Description { get; }

    public Stream CreateTemp(string fileId)
    {
        Execute("INSERT INTO file_contents (file_id, started) VALUES ($1, $2)", Checked(fileId), DateTimeOffset.UtcNow.UtcTicks);
        return new PostgresUploadStream(_dataSource, fileId);
    }

    public void Commit(string fileId) => Execute("UPDATE file_contents SET stored = true WHERE file_id = $1", Checked(fileId));

    public void Discard(string fileId) => Execute("DELETE FROM file_contents WHERE file_id = $1", Checked(fileId));

    public bool Exists(string fileId)
    {
        if (!FileStore.IsValidId(fileId))
        {
            return false;
        }
        using NpgsqlConnection connection = _dataSource.OpenConnection();
        using NpgsqlCommand command = PostgresChatStore.Command(connection, "SELECT stored FROM file_contents WHERE file_id = $1", fileId);
        return command.ExecuteScalar() is true;
    }

    public Stream OpenRead(string fileId) => new PostgresDownloadStream(_dataSource, Checked(fileId));

    private void Execute(string sql, params object[] values)
    {
        using NpgsqlConnection connection = _dataSource.OpenConnection();
        using NpgsqlCommand command = PostgresChatStore.Command(connection, sql, values);
        command.ExecuteNonQuery();
    }

    private static string Checked(string fileId) =>
        FileStore.IsValidId(fileId) ? fileId : throw new ArgumentException("not a file id", nameof(fileId));
}
