using System.Text.Json;
using Serilog;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class AccountTests
{
    [Fact]
    public async Task Register_ThenLogin_WithPassword()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient first = await server.ConnectAsync())
        {
            JsonElement ok = await first.ExpectOkAsync("hello", new { protocol = 1, user = "Alice", password = "correct horse", register = true });
            Assert.Equal("user", Str(ok, "role"));
            await first.ExpectOkAsync("quit");
        }

        await using TestClient second = await server.ConnectAsync();
        JsonElement login = await second.ExpectOkAsync("hello", new { protocol = 1, user = "alice", password = "correct horse" });

        Assert.Equal("Alice", Str(login, "user"));
        Assert.Equal("user", Str(login, "role"));
        Assert.StartsWith("pbkdf2-sha256$1000$", server.Store.FindAccount("alice")!.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", server.Store.FindAccount("alice")!.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Errors_WrongPasswordUnknownAccountTakenNameAndShortPassword()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
        await using TestClient c = await server.ConnectAsync();

        await c.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "alice", password = "wrong-password" });
        await c.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "nobody", password = "password-x" });
        await c.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "ALICE", password = "password-z", register = true });
        await c.ExpectErrorAsync("password_invalid", "hello", new { protocol = 1, user = "bob", password = "short", register = true });
    }

    [Fact]
    public async Task Guest_CannotTakeARegisteredName_EvenWhileItsOwnerIsOffline()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient alice = await server.LoginAsync("alice", "password-a", register: true))
        {
            await alice.ExpectOkAsync("quit");
        }
        await using TestClient guest = await server.ConnectAsync();

        await guest.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "Alice" });
    }

    [Fact]
    public async Task Login_IsThrottledPerAccount_AndRecoversWithTime()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient r = await server.LoginAsync("alice", "password-a", register: true))
        {
            await r.ExpectOkAsync("quit");
        }
        await using TestClient c = await server.ConnectAsync();
        for (int i = 0; i < 4; i++)
        {
            await c.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "alice", password = "guess-" + i });
        }
        await using TestClient d = await server.ConnectAsync();
        await d.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "alice", password = "guess-4" });

        // Now even the right password is refused until the window passes.
        await d.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "alice", password = "password-a" });
        server.Time.Advance(TimeSpan.FromSeconds(61));
        await d.ExpectOkAsync("hello", new { protocol = 1, user = "alice", password = "password-a" });
    }

    [Fact]
    public async Task Login_IsThrottledPerAddress_AcrossAccounts()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient r = await server.LoginAsync("victim", "password-v", register: true))
        {
            await r.ExpectOkAsync("quit");
        }
        await using TestClient c = await server.ConnectAsync();
        for (int i = 0; i < 4; i++)
        {
            await c.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "user" + i, password = "password-x" });
        }
        await using TestClient d = await server.ConnectAsync();
        await d.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "user9", password = "password-x" });

        await d.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "victim", password = "password-v" });
        server.Time.Advance(TimeSpan.FromMinutes(2));
        await d.ExpectOkAsync("hello", new { protocol = 1, user = "victim", password = "password-v" });
    }

    [Fact]
    public async Task PasswordsAndMessageBodies_NeverReachTheLog()
    {
        var sink = new CollectingSink();
        ILogger log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var store = new InMemoryChatStore();
        string data = Path.Combine(Path.GetTempPath(), "tuichat-test-" + Guid.NewGuid().ToString("N"));
        var server = new ChatServer(new ServerOptions { Port = 0, DataDirectory = data, PasswordIterations = 1000, AdminPassword = "admin-pw-secret" }, store, TimeProvider.System, log);
        server.Start();
        try
        {
            await using TestClient alice = await TestClient.LoginAsync(server.Port, "alice", "registered-secret", register: true);
            await using TestClient mallory = await TestClient.ConnectAsync(server.Port);
            await mallory.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "alice", password = "wrong-secret-guess" });
            await mallory.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "admin", password = "admin-guess-secret" });
            await alice.ExpectOkAsync("msg", new { to = "#general", text = "body-that-must-not-be-logged" });
        }
        finally
        {
            await server.StopAsync();
        }

        string all = string.Join("\n", sink.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("alice", all, StringComparison.Ordinal);
        foreach (string secret in new[] { "registered-secret", "wrong-secret-guess", "admin-guess-secret", "admin-pw-secret", "body-that-must-not-be-logged" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }
}
