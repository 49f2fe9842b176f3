using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The real tuichat-server with <c>--postgres</c> and <c>--postgres-password-env</c>.</summary>
public sealed class PostgresServerTests : IDisposable
{
    private readonly TempDataFolder _data = new();
    private TestSchema? _schema;

    public void Dispose()
    {
        _schema?.Dispose();
        _data.Dispose();
    }

    [SkippableFact]
    public async Task AServerKilledAndStartedAgain_OnAnotherDataFolder_HasTheAccountsHistoryAndFiles_FromPostgres()
    {
        _schema = TestPostgres.CreateSchema();
        string[] postgres = ["--postgres", _schema.ConnectionString];
        byte[] report = RandomNumberGenerator.GetBytes(300_000);
        string fileId;
        long msgId;
        await using (ServerProcess first = await ServerProcess.StartAsync(_data.Path, postgres))
        {
            Assert.Contains("store PostgreSQL", first.Output, StringComparison.Ordinal);
            Assert.Contains("(commit delay 50 ms)", first.Output, StringComparison.Ordinal);
            await using TestClient alice = await TestClient.LoginAsync(first.Port, "alice", "correct horse", register: true);
            msgId = (await alice.ExpectOkAsync("msg", new { to = "#general", text = "stored in PostgreSQL ✓ olá 👩🏽‍💻" })).GetProperty("msgId").GetInt64();
            fileId = await FileTransfers.UploadAsync(alice, "#general", "report.bin", report);
            first.Kill();
        }

        // Nothing of it is on this server's disk: a new data folder, the same database.
        using var otherDisk = new TempDataFolder();
        await using ServerProcess second = await ServerProcess.StartAsync(otherDisk.Path, [.. postgres, "--commit-delay-ms", "0"]);
        Assert.Contains("(commit delay 0 ms)", second.Output, StringComparison.Ordinal);
        await using TestClient again = await TestClient.LoginAsync(second.Port, "Alice", "correct horse");
        JsonElement history = await again.ExpectOkAsync("history", new { to = "#general", limit = 10 });
        JsonElement[] lines = [.. history.GetProperty("messages").EnumerateArray()];
        Assert.Equal(2, lines.Length); // the line, then the file's offer
        Assert.Equal((msgId, "stored in PostgreSQL ✓ olá 👩🏽‍💻"), (lines[0].GetProperty("msgId").GetInt64(), Str(lines[0], "text")));
        Assert.Equal(fileId, Str(lines[1].GetProperty("file"), "fileId"));
        Assert.Equal(report, await FileTransfers.DownloadAsync(again, fileId));
        Assert.True((await again.ExpectOkAsync("msg", new { to = "#general", text = "after" })).GetProperty("msgId").GetInt64() > msgId);
        await using TestClient impostor = await TestClient.ConnectAsync(second.Port);
        Assert.True(IsError(await impostor.RequestAsync("hello", new { protocol = 1, user = "alice", password = "wrong" }), "auth_failed"));
    }

    [SkippableFact]
    public async Task ThePassword_ComesFromTheNamedVariable_AndAWrongOneStopsTheStart()
    {
        _schema = TestPostgres.CreateSchema();
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        TestPostgres.PreparePasswordRole(_schema, password);
        string connection = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Username = TestPostgres.PasswordRole }.ConnectionString;
        string[] arguments = ["--postgres", connection, "--postgres-password-env", "TUICHAT_TEST_PG_PASSWORD"];

        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, arguments,
            new Dictionary<string, string> { ["TUICHAT_TEST_PG_PASSWORD"] = "not-" + password });
        Assert.Equal(1, exitCode);
        Assert.Contains("password authentication failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);

        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path, arguments,
            new Dictionary<string, string> { ["TUICHAT_TEST_PG_PASSWORD"] = password });
        await using TestClient bob = await TestClient.LoginAsync(server.Port, "bob");
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "in" });
    }

    [Fact]
    public async Task AMissingPasswordVariable_StopsTheStart_NamingIt()
    {
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path,
            ["--postgres", "Host=/tmp;Database=tuichat;Username=tuichat", "--postgres-password-env", "TUICHAT_TEST_NO_SUCH_VARIABLE"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("the environment variable TUICHAT_TEST_NO_SUCH_VARIABLE (--postgres-password-env) is not set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabase_StopsTheStart_WithTheReason_NotAStackTrace()
    {
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path,
            ["--postgres", $"Host={_data.Path};Database=tuichat;Username=tuichat;Timeout=5"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("The server could not start: cannot open the database at PostgreSQL", output, StringComparison.Ordinal);
        Assert.Contains("cannot reach the server", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordOnTheCommandLine_IsRefused()
    {
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path,
            ["--postgres", "Host=/tmp;Database=tuichat;Username=tuichat;Password=hunter2"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("holds a password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }
}
