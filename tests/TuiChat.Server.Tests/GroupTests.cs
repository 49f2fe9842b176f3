using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class GroupTests
{
    [Fact]
    public async Task Create_PrivateGroup_AddsMembers_AndInvitesThem()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        JsonElement ok = await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "BOB" } });

        Assert.True(ok.GetProperty("private").GetBoolean());
        Assert.Equal(["alice", "bob"], ok.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order());
        await bob.WaitForAsync(f => Type(f) == "invited" && Str(f, "room") == "+team" && Str(f, "by") == "alice");
        await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+team" && Str(f, "user") == "bob");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+team" && Str(f, "user") == "bob");
        await bob.ExpectOkAsync("msg", new { to = "+team", text = "team line" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "team line");
    }

    [Fact]
    public async Task NonMember_CannotSeeReadPostListOrJoinAGroup()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await alice.ExpectOkAsync("create", new { room = "#secret", @private = true });
        await alice.ExpectOkAsync("msg", new { to = "#secret", text = "hidden words" });

        JsonElement rooms = await carol.ExpectOkAsync("rooms");
        Assert.DoesNotContain(rooms.GetProperty("rooms").EnumerateArray(), r => Str(r, "room") == "#secret");
        await carol.ExpectErrorAsync("not_a_member", "join", new { room = "#secret" });
        await carol.ExpectErrorAsync("not_a_member", "msg", new { to = "#secret", text = "let me in" });
        await carol.ExpectErrorAsync("not_a_member", "history", new { to = "#secret" });
        await carol.ExpectErrorAsync("not_a_member", "users", new { room = "#secret" });
        await carol.ExpectErrorAsync("no_such_room", "join", new { room = "+nothing" });
        Assert.False(carol.Saw(f => Str(f, "text") == "hidden words"));
        JsonElement mine = await alice.ExpectOkAsync("rooms");
        Assert.Contains(mine.GetProperty("rooms").EnumerateArray(), r => Str(r, "room") == "#secret" && r.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task OnlyTheOwner_InvitesAndKicks()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient carol = await server.LoginAsync("carol");
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "bob" } });

        await bob.ExpectErrorAsync("not_allowed", "invite", new { room = "+team", user = "carol" });
        await bob.ExpectErrorAsync("not_allowed", "kick", new { room = "+team", user = "alice" });
        await carol.ExpectErrorAsync("no_such_room", "invite", new { room = "+team", user = "carol" });
        await alice.ExpectErrorAsync("no_such_user", "invite", new { room = "+team", user = "nobody" });
        await alice.ExpectErrorAsync("not_allowed", "invite", new { room = "#general", user = "bob" });

        await alice.ExpectOkAsync("invite", new { room = "+team", user = "carol" });
        await carol.WaitForAsync(f => Type(f) == "invited" && Str(f, "room") == "+team");
        await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+team" && Str(f, "user") == "carol");
        await carol.ExpectOkAsync("msg", new { to = "+team", text = "carol is in" });

        await alice.ExpectOkAsync("kick", new { room = "+team", user = "carol" });
        await carol.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+team" && Str(f, "user") == "carol" && Str(f, "reason") == "kick");
        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+team" && Str(f, "user") == "carol" && Str(f, "reason") == "kick");
        await carol.ExpectErrorAsync("not_a_member", "msg", new { to = "+team", text = "still here?" });
        await carol.ExpectErrorAsync("not_a_member", "join", new { room = "+team" });
        await alice.ExpectErrorAsync("not_a_member", "kick", new { room = "+team", user = "carol" });
    }

    [Fact]
    public async Task Leave_EndsGroupMembership()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "bob" } });

        await bob.ExpectOkAsync("leave", new { room = "+team" });

        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+team" && Str(f, "user") == "bob" && Str(f, "reason") == "leave");
        await bob.ExpectErrorAsync("not_a_member", "join", new { room = "+team" });
    }

    [Fact]
    public async Task Create_WithUnknownMember_IsNoSuchUser_AndExistingNameIsRefused()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("no_such_user", "create", new { room = "+team", @private = true, members = new[] { "ghost" } });
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true });
        await alice.ExpectErrorAsync("not_allowed", "create", new { room = "+Team", @private = true });
        await alice.ExpectErrorAsync("not_allowed", "create", new { room = "#general", @private = true });
    }

    [Fact]
    public async Task Admin_ManagesAnyGroup()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "bob" } });

        await admin.ExpectOkAsync("kick", new { room = "+team", user = "bob" });

        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+team" && Str(f, "reason") == "kick");
    }

    [Fact]
    public async Task GroupsOfRegisteredUsers_PersistAcrossRestart_AndMembersRejoinAtLogin()
    {
        var store = new InMemoryChatStore();
        string data = Path.Combine(Path.GetTempPath(), "tuichat-test-" + Guid.NewGuid().ToString("N"));
        await using (TestServer first = TestServer.Start(store: store, dataDirectory: data))
        {
            await using TestClient alice = await first.LoginAsync("alice", "password-a", register: true);
            await using TestClient bob = await first.LoginAsync("bob", "password-b", register: true);
            await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "bob" } });
            await alice.ExpectOkAsync("topic", new { room = "+team", topic = "plans" });
        }

        await using TestServer second = TestServer.Start(store: store, dataDirectory: data);
        await using TestClient bob2 = await second.LoginAsync("bob", "password-b");
        await bob2.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+team" && Str(f, "user") == "bob");
        JsonElement users = await bob2.ExpectOkAsync("users", new { room = "+team" });
        Assert.Equal(["alice", "bob"], users.GetProperty("users").EnumerateArray().Select(u => Str(u, "user")));
        JsonElement rooms = await bob2.ExpectOkAsync("rooms");
        Assert.Contains(rooms.GetProperty("rooms").EnumerateArray(), r => Str(r, "room") == "+team" && Str(r, "topic") == "plans");
        await using TestClient carol = await second.LoginAsync("carol");
        await carol.ExpectErrorAsync("not_a_member", "join", new { room = "+team" });
    }
}
