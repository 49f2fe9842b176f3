using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>A public room's creator operates it (kick, topic); the admin operates every room; #general has no other operator.</summary>
public sealed class RoomOperatorTests
{
    [Fact]
    public async Task Creator_KicksAndSetsTheTopic_OthersMayNot()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("join", new { room = "#t" });
        await bob.ExpectOkAsync("join", new { room = "#t" });

        await bob.ExpectErrorAsync("not_allowed", "topic", new { room = "#t", topic = "bob's now" });
        await bob.ExpectErrorAsync("not_allowed", "kick", new { room = "#t", user = "alice" });
        await alice.ExpectOkAsync("topic", new { room = "#t", topic = "weekly sync" });
        await alice.ExpectOkAsync("kick", new { room = "#t", user = "bob" });

        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#t" && Str(f, "user") == "bob" && Str(f, "reason") == "kick");
        await bob.ExpectErrorAsync("not_a_member", "msg", new { to = "#t", text = "still here?" });
    }

    [Fact]
    public async Task Kick_WithAReason_TellsTheKickedUserAndTheRoomWhoAndWhy()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await alice.ExpectOkAsync("join", new { room = "#t" });
        await bob.ExpectOkAsync("join", new { room = "#t" });
        await carol.JoinAsync("#t");

        await alice.ExpectOkAsync("kick", new { room = "#t", user = "bob", reason = "chega de spam, ação!" });

        foreach (TestClient member in new[] { alice, bob })
        {
            await member.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#t" && Str(f, "user") == "bob" && Str(f, "reason") == "kick"
                && Str(f, "text") == "chega de spam, ação!" && Str(f, "by") == "alice");
        }
        IrcMessage kick = await carol.ExpectAsync(m => m.Command == "KICK");
        Assert.StartsWith(":alice!", carol.LastRaw, StringComparison.Ordinal);
        Assert.Equal(["#t", "bob", "chega de spam, ação!"], kick.Params);
    }

    [Fact]
    public async Task Operator_IsTheCreatorsIdentity_NotItsName()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient bob = await server.LoginAsync("bob");
        await using (TestClient gina = await server.LoginAsync("gina"))
        {
            await gina.ExpectOkAsync("join", new { room = "#t" });
            await bob.ExpectOkAsync("join", new { room = "#t" });
            await gina.ExpectOkAsync("quit");
        }
        await using TestClient gina2 = await server.LoginAsync("gina");
        await gina2.ExpectOkAsync("join", new { room = "#t" });

        await gina2.ExpectErrorAsync("not_allowed", "kick", new { room = "#t", user = "bob" });
        await gina2.ExpectErrorAsync("not_allowed", "topic", new { room = "#t", topic = "mine" });
    }

    [Fact]
    public async Task General_HasNoOperatorButTheAdmin_WhoMayKickAndSetTheTopicAnywhere()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient guest = await server.LoginAsync("guest1");
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("join", new { room = "#t" });
        await guest.ExpectErrorAsync("not_allowed", "topic", new { room = "#general", topic = "free crypto" });
        await guest.ExpectErrorAsync("not_allowed", "kick", new { room = "#general", user = "alice" });
        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);

        await admin.ExpectOkAsync("topic", new { room = "#general", topic = "be kind" });
        await admin.ExpectOkAsync("topic", new { room = "#t", topic = "set by the admin" });
        await admin.ExpectOkAsync("kick", new { room = "#general", user = "guest1" });
        await admin.ExpectOkAsync("kick", new { room = "#t", user = "alice" });

        await guest.WaitForAsync(f => Type(f) == "topic" && Str(f, "room") == "#general" && Str(f, "topic") == "be kind");
        await guest.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#general" && Str(f, "user") == "guest1" && Str(f, "reason") == "kick");
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#t" && Str(f, "user") == "alice" && Str(f, "reason") == "kick");
    }
}
