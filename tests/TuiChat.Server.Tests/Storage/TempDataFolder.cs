namespace TuiChat.Server.Tests.Storage;

/// <summary>A fresh folder under the system temp path, deleted with everything in it on Dispose.</summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tuichat-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a failed test) must not hide the real failure.
        }
    }
}
