using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>
/// Extension: the <c>joined</c> that tells a user it is in a room carries the room's topic (empty
/// when it has none), however the user came in: login, another session's login, a join, an
/// invitation. The other members' <c>joined</c> about it does not: they know the topic.
/// </summary>
public sealed class JoinedTopicTests
{
    private const string Password = "password-a";

    private static Task<JsonElement> OwnJoinedAsync(TestClient client, string room) =>
        client.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == room && Str(f, "user") == client.User);

    [Fact]
    public async Task Login_OwnJoinedOfEachRoom_CarriesItsTopic_OthersJoinedDoesNot()
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient first = await server.LoginAsync("alice", Password, register: true))
        {
            await first.ExpectOkAsync("join", new { room = "#cozinha" });
            await first.ExpectOkAsync("topic", new { room = "#cozinha", topic = "receitas e café ☕" });
            await first.ExpectOkAsync("quit");
        }
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("join", new { room = "#cozinha" });

        await using TestClient alice = await server.LoginAsync("alice", Password);

        Assert.Equal("receitas e café ☕", Str(await OwnJoinedAsync(alice, "#cozinha"), "topic"));
        Assert.Equal("", Str(await OwnJoinedAsync(alice, "#general"), "topic"));
        JsonElement seen = await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#cozinha" && Str(f, "user") == "alice");
        Assert.False(seen.TryGetProperty("topic", out _));

        // The account's next session is told its rooms with their topics too.
        await using TestClient phone = await server.LoginAsync("alice", Password);
        Assert.Equal("receitas e café ☕", Str(await OwnJoinedAsync(phone, "#cozinha"), "topic"));
    }

    [Fact]
    public async Task JoinAndInvitation_OwnJoinedCarriesTheTopic()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("join", new { room = "#books" });
        await alice.ExpectOkAsync("topic", new { room = "#books", topic = "reading" });
        await alice.ExpectOkAsync("create", new { room = "+crew", @private = true });
        await alice.ExpectOkAsync("topic", new { room = "+crew", topic = "the plan" });

        await bob.ExpectOkAsync("join", new { room = "#books" });
        await alice.ExpectOkAsync("invite", new { room = "+crew", user = "bob" });

        Assert.Equal("reading", Str(await OwnJoinedAsync(bob, "#books"), "topic"));
        Assert.Equal("the plan", Str(await OwnJoinedAsync(bob, "+crew"), "topic"));
        JsonElement seen = await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+crew" && Str(f, "user") == "bob");
        Assert.False(seen.TryGetProperty("topic", out _));
    }
}
