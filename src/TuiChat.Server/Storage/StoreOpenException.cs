namespace TuiChat.Server.Storage;

/// <summary>
/// The database in the data folder cannot be used: the folder cannot be created or written, or
/// the file is not a (readable) SQLite database. Thrown at start so the operator sees one clear
/// line instead of a stack trace from deep inside SQLite.
/// </summary>
public sealed class StoreOpenException : Exception
{
    public StoreOpenException(string path, string reason, Exception? inner = null)
        : base($"cannot open the database at {path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }
}
