using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

public sealed partial class SqliteChatStore
{
    /// <summary>
    /// Writes a consistent copy of the database in <paramref name="dataFolder"/> to the new file
    /// <paramref name="target"/> with <c>VACUUM INTO</c>: a read transaction, so it is safe while
    /// the server runs and writes (WAL lets readers and the writer work at once), and the copy is
    /// a plain database with every committed message, ready to be put back as tuichat.db.
    /// </summary>
    /// <exception cref="StoreOpenException">There is no database, or the copy cannot be written.</exception>
    public static void Backup(string dataFolder, string target)
    {
        string source = Path.Combine(Path.GetFullPath(dataFolder), FileName);
        if (!File.Exists(source))
        {
            throw new StoreOpenException(source, "there is no database to back up (check --data)");
        }
        if (File.Exists(target))
        {
            throw new StoreOpenException(source, $"the backup file {target} exists already; it is not overwritten");
        }

        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = source,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000; VACUUM INTO $target;";
            command.Parameters.AddWithValue("$target", Path.GetFullPath(target));
            command.ExecuteNonQuery();
        }
        catch (SqliteException error)
        {
            throw new StoreOpenException(source, $"the backup to {target} failed: {Describe(error)}", error);
        }
        RestrictToOwner(target);
    }
}
