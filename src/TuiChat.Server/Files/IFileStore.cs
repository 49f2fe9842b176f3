namespace TuiChat.Server.Files;

/// <summary>
/// Where uploaded file contents live: on the server's disk (<see cref="FileStore"/>) or in the
/// shared database (<see cref="Storage.Postgres.PostgresFileStore"/>), so that every server of a cluster can
/// serve every download. An upload is written to a temporary place and becomes visible to
/// <see cref="Exists"/> and <see cref="OpenRead"/> only at <see cref="Commit"/>, after its SHA-256 matched.
/// Ids are checked with <see cref="FileStore.IsValidId"/> before they reach a store.
/// </summary>
public interface IFileStore
{
    /// <summary>Where the files are, for the server's start line.</summary>
    string Description { get; }

    /// <summary>A new upload's bytes go here; <see cref="Stream.Flush()"/> makes them durable.</summary>
    Stream CreateTemp(string fileId);

    /// <summary>Makes a verified upload the stored file.</summary>
    void Commit(string fileId);

    /// <summary>Throws away an upload that was cut short or failed its check.</summary>
    void Discard(string fileId);

    bool Exists(string fileId);

    /// <summary>The stored file, read as the download goes (never all in memory).</summary>
    Stream OpenRead(string fileId);
}
