using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class AdminTests
{
    [Fact]
    public async Task Admin_LogsInWithConfiguredPassword_AsRoleAdmin()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient admin = await server.ConnectAsync();

        JsonElement ok = await admin.ExpectOkAsync("hello", new { protocol = 1, user = "Admin", password = TestServer.AdminPassword });

        Assert.Equal("admin", Str(ok, "user"));
        Assert.Equal("admin", Str(ok, "role"));
    }

    [Fact]
    public async Task Admin_WrongPassword_OrNoneConfigured_IsAuthFailed()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();
        await client.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "admin", password = "not-the-password" });

        await using TestServer unconfigured = TestServer.Start(o => o with { AdminPassword = null });
        await using TestClient other = await unconfigured.ConnectAsync();
        await other.ExpectErrorAsync("auth_failed", "hello", new { protocol = 1, user = "admin", password = TestServer.AdminPassword });
    }

    [Fact]
    public async Task NobodyCanRegisterOrBorrowTheAdminName()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        await client.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "ADMIN", password = "some-password", register = true });
        await client.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "admin" });
    }

    [Fact]
    public async Task Shutdown_ByGuestOrUser_IsNotAllowed()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient guest = await server.LoginAsync("guest1");
        await using TestClient user = await server.LoginAsync("member", "password-m", register: true);

        await guest.ExpectErrorAsync("not_allowed", "admin.shutdown", new { reason = "mine now" });
        await user.ExpectErrorAsync("not_allowed", "admin.shutdown");
        await guest.ExpectErrorAsync("not_allowed", "admin.kick", new { user = "member" });
        Assert.False(server.Server.Stopped.IsCompleted);
        await guest.ExpectOkAsync("msg", new { to = "#general", text = "still running" });
    }

    [Fact]
    public async Task Shutdown_ByAdmin_TellsEveryClient_ClosesThem_AndDisposesTheStore()
    {
        var store = new InMemoryChatStore();
        await using TestServer server = TestServer.Start(store: store);
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient lurker = await server.ConnectAsync();
        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);

        await admin.ExpectOkAsync("admin.shutdown", new { reason = "maintenance" });

        foreach (TestClient c in new[] { alice, bob, lurker, admin })
        {
            JsonElement notice = await c.WaitForAsync(f => Type(f) == "shutdown");
            Assert.Equal("admin", Str(notice, "by"));
            Assert.Equal("maintenance", Str(notice, "reason"));
            await c.WaitClosedAsync();
        }
        await server.Server.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(store.Disposed);
    }

    [Fact]
    public async Task AdminKick_DisconnectsTheUser_WithReasonKicked()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);

        await admin.ExpectOkAsync("admin.kick", new { user = "BOB", reason = "spam" });

        await bob.WaitClosedAsync();
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob" && Str(f, "reason") == "kicked");
        await admin.ExpectErrorAsync("no_such_user", "admin.kick", new { user = "bob" });
    }
}
