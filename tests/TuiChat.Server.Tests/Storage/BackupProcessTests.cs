using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Storage;

/// <summary><c>tuichat-server --backup FILE</c> against a running server, and a restore from the copy.</summary>
public sealed class BackupProcessTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Backup_WhileTheServerRuns_HoldsEveryAckedMessage_AndRestores()
    {
        string backup = Path.Combine(_data.Path, "backup.db");
        await using (ServerProcess server = await ServerProcess.StartAsync(Path.Combine(_data.Path, "live")))
        {
            await using TestClient alice = await TestClient.LoginAsync(server.Port, "alice");
            await alice.ExpectOkAsync("msg", new { to = "#general", text = "before the backup" });

            (int exit, string output) = await ServerProcess.RunUntilExitAsync(Path.Combine(_data.Path, "live"), ["--backup", backup]);

            Assert.True(exit == 0, output);
            Assert.Contains("backed up", output, StringComparison.Ordinal);
            await alice.ExpectOkAsync("msg", new { to = "#general", text = "the server still works" });
        }

        // Restore: the copy becomes tuichat.db of a new data folder.
        string restored = Path.Combine(_data.Path, "restored");
        Directory.CreateDirectory(restored);
        File.Copy(backup, Path.Combine(restored, SqliteChatStore.FileName));
        using SqliteChatStore store = SqliteChatStore.Open(restored);
        Assert.Equal(["before the backup"], store.History(Conversations.Room("#general"), null, 10).Select(m => m.Text));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        }
    }

    [Fact]
    public async Task Backup_NeverOverwritesAFile()
    {
        string existing = Path.Combine(_data.Path, "keep.db");
        await File.WriteAllTextAsync(existing, "precious");
        using (SqliteChatStore.Open(_data.Path))
        {
        }

        (int exit, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--backup", existing]);

        Assert.Equal(1, exit);
        Assert.Contains("exists already", output, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(existing));
    }
}
