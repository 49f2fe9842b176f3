namespace TuiChat.Server.Storage;

/// <summary>How durable a SQLite commit is when the writer acknowledges it (<c>--sqlite-synchronous</c>, docs/STORAGE.md).</summary>
public enum SqliteSync
{
    /// <summary>Every commit is fsynced: an acknowledged message survives a power cut.</summary>
    Full,

    /// <summary>The WAL is fsynced only at checkpoints: an acknowledged message survives a crash of the server, not of the machine.</summary>
    Normal,
}
