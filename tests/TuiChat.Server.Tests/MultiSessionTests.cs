using System.Text.Json;
using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>
/// A registered account may be logged in several times at once (a laptop and a phone): every
/// session gets the account's direct messages and its own lines, the sessions share rooms and read
/// positions, and to everyone else the account is one user that comes and goes once.
/// </summary>
public sealed class MultiSessionTests
{
    private const string AlicePassword = "password-a";

    [Fact]
    public async Task BothSessions_GetDirectMessagesBothWays_AndTheLinesTheOtherSent()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient phone = await server.LoginAsync("alice", AlicePassword);
        await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);

        await bob.ExpectOkAsync("msg", new { to = "alice", text = "olá alice 👋🏽" });
        await laptop.WaitForAsync(f => IsMessage(f, "bob", "alice", "olá alice 👋🏽"));
        await phone.WaitForAsync(f => IsMessage(f, "bob", "alice", "olá alice 👋🏽"));

        await laptop.ExpectOkAsync("msg", new { to = "bob", text = "oi bob, do portátil" });
        await bob.WaitForAsync(f => IsMessage(f, "alice", "bob", "oi bob, do portátil"));
        // The phone shows the laptop's line as alice's own, in the conversation with bob.
        await phone.WaitForAsync(f => IsMessage(f, "alice", "bob", "oi bob, do portátil"));

        await phone.ExpectOkAsync("msg", new { to = "#general", text = "do telemóvel 📱" });
        await laptop.WaitForAsync(f => IsMessage(f, "alice", "#general", "do telemóvel 📱"));
        await bob.WaitForAsync(f => IsMessage(f, "alice", "#general", "do telemóvel 📱"));
    }

    [Fact]
    public async Task JoiningOnOneSession_JoinsTheAccount_AndOthersSeeOneJoinAndOneLeave()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient phone = await server.LoginAsync("alice", AlicePassword);
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("join", new { room = "#games" });

        await laptop.ExpectOkAsync("join", new { room = "#games" });

        await phone.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");
        // The phone is in #games without joining it there.
        await phone.ExpectOkAsync("msg", new { to = "#games", text = "from the phone" });
        await bob.WaitForAsync(f => IsMessage(f, "alice", "#games", "from the phone"));
        Assert.Single(bob.Frames(), f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");

        await phone.ExpectOkAsync("leave", new { room = "#games" });
        await laptop.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#games" && Str(f, "user") == "alice");
        await laptop.ExpectErrorAsync("not_a_member", "msg", new { to = "#games", text = "gone" });
    }

    [Fact]
    public async Task AnotherSession_IsNoNewsToOthers_AndTheAccountStaysOnlineUntilItsLastSessionEnds()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient bob = await server.LoginAsync("bob");
        // bob talked to alice: he watches her presence.
        await bob.ExpectOkAsync("msg", new { to = "alice", text = "hi" });

        TestClient phone = await server.LoginAsync("alice", AlicePassword);
        await laptop.ExpectOkAsync("quit");
        await phone.ExpectOkAsync("msg", new { to = "#general", text = "still here" });
        await bob.WaitForAsync(f => IsMessage(f, "alice", "#general", "still here"));

        // bob came after alice: her phone's login and her laptop's quit told him nothing.
        Assert.DoesNotContain(bob.Frames(), f => Type(f) is "joined" or "left" or "presence" && Str(f, "user") == "alice");
        JsonElement users = await bob.ExpectOkAsync("users");
        Assert.Single(users.GetProperty("users").EnumerateArray(), u => Str(u, "user") == "alice");
        JsonElement whois = await bob.ExpectOkAsync("whois", new { user = "alice" });
        Assert.True(whois.GetProperty("online").GetBoolean());

        await phone.ExpectOkAsync("quit");
        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "alice" && Str(f, "reason") == "quit");
        await bob.WaitForAsync(f => IsPresence(f, "alice", online: false));
        await phone.DisposeAsync();
    }

    [Fact]
    public async Task ASecondSession_IsToldTheRoomsItsAccountIsIn()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await laptop.ExpectOkAsync("join", new { room = "#games" });

        await using TestClient phone = await server.LoginAsync("alice", AlicePassword);

        await phone.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#games" && Str(f, "user") == "alice");
        Assert.Single(phone.Frames(), f => Type(f) == "joined" && Str(f, "room") == "#general");
    }

    [Fact]
    public async Task ASessionThatBegins_AfterTheRoomHasSpoken_HearsItsNextLines_AndAnEndedOneIsLeftOut()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "um" });
        await laptop.WaitForAsync(f => IsMessage(f, "bob", "#general", "um"));

        await using TestClient phone = await server.LoginAsync("alice", AlicePassword);
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "dois, já com o telemóvel 📱" });
        await phone.WaitForAsync(f => IsMessage(f, "bob", "#general", "dois, já com o telemóvel 📱"));

        await laptop.ExpectOkAsync("quit");
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "três" });
        await phone.WaitForAsync(f => IsMessage(f, "bob", "#general", "três"));
        // The laptop's end was no news to bob, and no line to it cost anyone their session.
        Assert.DoesNotContain(bob.Frames(), f => Type(f) is "left" or "error");
        await phone.ExpectOkAsync("msg", new { to = "#general", text = "quatro" });
        await bob.WaitForAsync(f => IsMessage(f, "alice", "#general", "quatro"));
    }

    [Fact]
    public async Task ReadingOnOneSession_TellsTheOthers_ButNoOneElse()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient phone = await server.LoginAsync("alice", AlicePassword);
        await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);
        long id = (await bob.ExpectOkAsync("msg", new { to = "alice", text = "read me" })).GetProperty("msgId").GetInt64();

        JsonElement ok = await laptop.ExpectOkAsync("read", new { room = "bob", msgId = id });

        Assert.Equal(id, ok.GetProperty("readMsgId").GetInt64());
        JsonElement read = await phone.WaitForAsync(f => Type(f) == "read");
        Assert.Equal(("bob", id), (Str(read, "room"), read.GetProperty("msgId").GetInt64()));
        // The session that read is not told again, nor is anyone else.
        await laptop.ExpectOkAsync("ping");
        await bob.ExpectOkAsync("ping");
        Assert.DoesNotContain(laptop.Frames(), f => Type(f) == "read");
        Assert.DoesNotContain(bob.Frames(), f => Type(f) == "read");

        // A read below the kept position moves nothing, so nothing is told.
        await laptop.ExpectOkAsync("read", new { room = "bob", msgId = id - 1 });
        await phone.ExpectOkAsync("ping");
        Assert.Single(phone.Frames(), f => Type(f) == "read");
    }

    [Fact]
    public async Task SessionsAreBounded_ByMaxSessionsPerAccount()
    {
        await using TestServer server = TestServer.Start(o => o with { MaxSessionsPerAccount = 2 });
        await using TestClient one = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient two = await server.LoginAsync("alice", AlicePassword);
        await using TestClient three = await server.ConnectAsync();

        JsonElement refused = await three.RequestAsync("hello", new { protocol = 1, user = "alice", password = AlicePassword });

        Assert.True(IsError(refused, "quota_exceeded"), refused.ToString());
        Assert.Contains("2 times", Str(refused, "message"), StringComparison.Ordinal);
        await two.ExpectOkAsync("quit");
        await three.ExpectOkAsync("hello", new { protocol = 1, user = "alice", password = AlicePassword });
    }

    [Fact]
    public async Task AGuestName_IsStillOnlineOnce()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient gina = await server.LoginAsync("gina");
        await using TestClient other = await server.ConnectAsync();

        await other.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "gina" });
    }

    [Fact]
    public async Task AdminKick_EndsEverySessionOfTheAccount()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient laptop = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient phone = await server.LoginAsync("alice", AlicePassword);
        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);

        await admin.ExpectOkAsync("admin.kick", new { user = "alice" });

        await laptop.WaitClosedAsync();
        await phone.WaitClosedAsync();
        await Eventually.Until(() => server.Server.State.Sessions.FindOnline("alice") is null, "alice is offline");
        Assert.Single(admin.Frames(), f => Type(f) == "left" && Str(f, "user") == "alice" && Str(f, "reason") == "kicked");
    }

    [Fact]
    public async Task ANameReusedByAnotherIdentity_GetsNothingOfTheFormerHolder()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);
        await using (TestClient gina = await server.LoginAsync("gina"))
        {
            await bob.ExpectOkAsync("msg", new { to = "gina", text = "for the first gina" });
            await gina.WaitForAsync(f => IsMessage(f, "bob", "gina", "for the first gina"));
            await gina.ExpectOkAsync("quit");
        }

        await using TestClient gina2 = await server.LoginAsync("gina");
        await bob.ExpectOkAsync("msg", new { to = "gina", text = "for the second gina" });

        await gina2.WaitForAsync(f => IsMessage(f, "bob", "gina", "for the second gina"));
        Assert.DoesNotContain(gina2.Frames(), f => Str(f, "text") == "for the first gina");
        Assert.DoesNotContain((await gina2.ExpectOkAsync("history", new { to = "bob" })).GetProperty("messages").EnumerateArray(),
            m => Str(m, "text") == "for the first gina");
    }

    [Fact]
    public async Task AnIrcSessionAndANativeSession_OfOneAccount_SeeEachOthersLines()
    {
        await using TestServer server = TestServer.Start(o => o with { IrcPort = 0 });
        await using TestClient native = await server.LoginAsync("alice", AlicePassword, register: true);
        await using TestClient bob = await server.LoginAsync("bob");
        await using IrcTestClient irc = await IrcTestClient.ConnectAsync(server.IrcPort);
        await irc.SendAsync("PASS " + AlicePassword);
        await irc.SendAsync("NICK alice");
        await irc.SendAsync("USER alice 0 * :alice");
        await irc.ExpectAsync(m => m.Command == "001");
        // The account is in #general already: the IRC session is joined to it.
        await irc.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == "#general");

        await native.ExpectOkAsync("msg", new { to = "bob", text = "do cliente nativo" });
        IrcMessage echoed = await irc.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(("bob", "do cliente nativo"), (echoed.Param(0), echoed.Param(1)));
        Assert.StartsWith(":alice!", irc.LastRaw, StringComparison.Ordinal);

        await irc.SendAsync("PRIVMSG #general :do irc ✓");
        await native.WaitForAsync(f => IsMessage(f, "alice", "#general", "do irc ✓"));
        await bob.WaitForAsync(f => IsMessage(f, "alice", "#general", "do irc ✓"));
        await bob.ExpectOkAsync("msg", new { to = "alice", text = "para as duas" });
        IrcMessage fromBob = await irc.ExpectAsync(m => m.Command == "PRIVMSG");
        // Without echo-message the IRC session does not get its own #general line back: bob's line is next.
        Assert.Equal(("alice", "para as duas"), (fromBob.Param(0), fromBob.Param(1)));
        await native.WaitForAsync(f => IsMessage(f, "bob", "alice", "para as duas"));
        // bob came after alice's first session; her IRC login was no news to him.
        Assert.DoesNotContain(bob.Frames(), f => Type(f) == "joined" && Str(f, "user") == "alice");
    }

    private static bool IsMessage(JsonElement f, string from, string to, string text) =>
        Type(f) == "message" && Str(f, "from") == from && Str(f, "to") == to && Str(f, "text") == text;
}
