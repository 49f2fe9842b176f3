using System.Security.Cryptography;

namespace TuiChat.Server.Files;

/// <summary>
/// Uploaded files on disk: uploads stream into <c>files/tmp/&lt;fileId&gt;</c> and move to
/// <c>files/&lt;fileId&gt;</c> once verified. Paths are built only from server-made ids (32 hex
/// digits), never from a name a client gave, so no client input can point outside the folder.
/// </summary>
public sealed class FileStore : IFileStore
{
    private readonly string _directory;
    private readonly string _tempDirectory;

    public FileStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        _tempDirectory = Path.Combine(_directory, "tmp");
        Directory.CreateDirectory(_tempDirectory);
        // Uploads cut short by a crash are worthless: they were never acknowledged.
        foreach (string stale in Directory.EnumerateFiles(_tempDirectory))
        {
            File.Delete(stale);
        }
    }

    public string Description => _directory;

    public static string NewFileId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for the shape of ids this store hands out; anything else is refused before touching the disk.</summary>
    public static bool IsValidId(string? fileId) =>
        fileId is { Length: 32 } && fileId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public Stream CreateTemp(string fileId) =>
        new FileStream(TempPath(fileId), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);

    /// <summary>Moves a verified upload to its final place.</summary>
    public void Commit(string fileId) => File.Move(TempPath(fileId), FinalPath(fileId));

    public void Discard(string fileId) => File.Delete(TempPath(fileId));

    public bool Exists(string fileId) => IsValidId(fileId) && File.Exists(FinalPath(fileId));

    public Stream OpenRead(string fileId) =>
        new FileStream(FinalPath(fileId), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

    private string TempPath(string fileId) => Path.Combine(_tempDirectory, Checked(fileId));

    private string FinalPath(string fileId) => Path.Combine(_directory, Checked(fileId));

    private static string Checked(string fileId) =>
        IsValidId(fileId) ? fileId : throw new ArgumentException("not a file id", nameof(fileId));
}
