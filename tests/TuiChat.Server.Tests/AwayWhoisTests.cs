using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary><c>away</c> and <c>whois</c> over real sockets.</summary>
public sealed class AwayWhoisTests
{
    [Fact]
    public async Task Away_IsToldToRoomMates_ShownInUsers_AndAnsweredToADirectMessage()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        await bob.ExpectOkAsync("away", new { text = "lunch 🍝" });
        await alice.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") == "lunch 🍝");
        JsonElement users = await alice.ExpectOkAsync("users");
        JsonElement sent = await alice.ExpectOkAsync("msg", new { to = "bob", text = "there?" });

        Assert.Equal("lunch 🍝", Str(users.GetProperty("users").EnumerateArray().Single(u => Str(u, "user") == "bob"), "away"));
        Assert.Equal("lunch 🍝", Str(sent, "away"));
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "there?");
        Assert.Null(Str(await alice.ExpectOkAsync("msg", new { to = "#general", text = "room line" }), "away"));

        int mark = alice.FrameCount;
        await bob.ExpectOkAsync("away");
        JsonElement back = await alice.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob", from: mark);
        Assert.False(back.TryGetProperty("text", out _));
        Assert.Null(Str(await alice.ExpectOkAsync("msg", new { to = "bob", text = "welcome back" }), "away"));
        await bob.ExpectErrorAsync("text_invalid", "away", new { text = "two\nlines" });
        await bob.ExpectErrorAsync("text_invalid", "away", new { text = new string('x', 300) });
    }

    [Fact]
    public async Task Whois_SaysOnlineOrLastSeen_RegisteredOrGuest_AndTheRoomsInCommon()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using (TestClient carol = await server.LoginAsync("carol", "password-c", register: true))
        {
            await carol.ExpectOkAsync("join", new { room = "#games" });
            await alice.ExpectOkAsync("join", new { room = "#games" });
            await carol.ExpectOkAsync("create", new { room = "+secret", @private = true });

            JsonElement online = await alice.ExpectOkAsync("whois", new { user = "CAROL" });
            Assert.Equal(("carol", true, true, "user"), (Str(online, "user"), online.GetProperty("online").GetBoolean(), online.GetProperty("registered").GetBoolean(), Str(online, "role")));
            Assert.Equal(["#games", "#general"], online.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
            Assert.False(online.TryGetProperty("lastSeen", out _));
            await carol.ExpectOkAsync("quit");
        }

        JsonElement offline = await alice.ExpectOkAsync("whois", new { user = "carol" });
        JsonElement guest = await alice.ExpectOkAsync("whois", new { user = "alice" });

        Assert.False(offline.GetProperty("online").GetBoolean());
        Assert.EndsWith("Z", Str(offline, "lastSeen"), StringComparison.Ordinal);
        Assert.Equal(["#games"], offline.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.False(guest.GetProperty("registered").GetBoolean());
        await alice.ExpectErrorAsync("no_such_user", "whois", new { user = "nobody" });
        await alice.ExpectErrorAsync("name_invalid", "whois", new { user = "bad name!" });
    }
}
