using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>Presence, away, whois and the user list across the nodes of a real cluster: the same rules as on one server.</summary>
public sealed class ClusterPeopleTests : ClusterTest
{
    [SkippableFact]
    public async Task AwayWhoisAndUsers_SeeUsersOnOtherNodes()
    {
        await StartClusterAsync(3);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice");
        TestClient bob = await Cluster.LoginAsync(Cluster.Nodes[1], "bob");
        TestClient carol = await Cluster.LoginAsync(Cluster.Nodes[2], "carol");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline);

        // bob shares #general with alice and carol: both see him go away.
        await bob.ExpectOkAsync("away", new { text = "almoço 🍝" });
        await alice.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") == "almoço 🍝", Deadline);
        await carol.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") == "almoço 🍝", Deadline);

        JsonElement whois = await alice.ExpectOkAsync("whois", new { user = "BOB" });
        Assert.Equal(("bob", true, false, "almoço 🍝"), (Str(whois, "user"), whois.GetProperty("online").GetBoolean(), whois.GetProperty("registered").GetBoolean(), Str(whois, "away")));
        Assert.Contains("#general", whois.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));

        JsonElement users = await alice.ExpectOkAsync("users");
        JsonElement[] list = [.. users.GetProperty("users").EnumerateArray()];
        Assert.Equal(["alice", "bob", "carol"], list.Select(u => Str(u, "user")));
        Assert.All(list, u => Assert.True(u.GetProperty("online").GetBoolean()));
        Assert.Equal("almoço 🍝", Str(list[1], "away"));

        // A direct message to an away user on another node answers with the away text, as on one server.
        JsonElement sent = await carol.ExpectOkAsync("msg", new { to = "bob", text = "still eating?" });
        Assert.Equal("almoço 🍝", Str(sent, "away"));
        await bob.ExpectOkAsync("away");
        await carol.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") is null, Deadline);
        await alice.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") is null, Deadline);
        Assert.Null(Str(await alice.ExpectOkAsync("whois", new { user = "bob" }), "away"));
    }

    [SkippableFact]
    public async Task PresenceOfAUserOnAnotherNode_ReachesThoseWhoTalkedToIt_AndNobodyElse()
    {
        await StartClusterAsync(3);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice");
        TestClient bob = await Cluster.LoginAsync(Cluster.Nodes[1], "bob");
        TestClient carol = await Cluster.LoginAsync(Cluster.Nodes[2], "carol");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline);

        // alice and carol talk directly (A and C): each watches the other's presence; bob does not.
        await alice.ExpectOkAsync("msg", new { to = "carol", text = "oi" });
        await carol.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "oi", Deadline);
        int mark = bob.Frames().Count;
        await carol.ExpectOkAsync("quit");
        await alice.WaitForAsync(f => IsPresence(f, "carol", online: false), Deadline);

        // carol comes back on node B: alice, on A, is told.
        TestClient carolAgain = await Cluster.LoginWhenFreeAsync(Cluster.Nodes[1], "carol");
        await alice.WaitForAsync(f => IsPresence(f, "carol", online: true), Deadline);
        await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline, from: mark);
        await carolAgain.ExpectOkAsync("quit");
        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "carol" && Str(f, "reason") == "quit", Deadline);
        await bob.ExpectOkAsync("ping");
        Assert.DoesNotContain(bob.Frames(), f => Type(f) == "presence");
    }

    [SkippableFact]
    public async Task AReadOfALineNumberedOnAnotherNode_IsKept_ForTheAccountOnEveryNode()
    {
        await StartClusterAsync(2);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice");
        TestClient laptop = await Cluster.LoginAsync(Cluster.Nodes[1], "bob", "correct horse", register: true);
        TestClient phone = await Cluster.LoginAsync(Cluster.Nodes[0], "bob", "correct horse");
        // bob's node numbers a line of its own first: alice's, numbered by the database later, is above it.
        await laptop.ExpectOkAsync("msg", new { to = "#general", text = "bob first" });
        long id = (await alice.ExpectOkAsync("msg", new { to = "#general", text = "alice's line" })).GetProperty("msgId").GetInt64();
        await laptop.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "alice's line", Deadline);

        JsonElement read = await laptop.ExpectOkAsync("read", new { room = "#general", msgId = id });

        Assert.Equal(id, read.GetProperty("readMsgId").GetInt64());
        Assert.Equal(id, (await phone.ExpectOkAsync("read", new { room = "#general", msgId = id - 1 })).GetProperty("readMsgId").GetInt64());
    }

    [SkippableFact]
    public async Task AReadOfALineThisNodeKnowsOnlyFromHistory_IsKept()
    {
        await StartClusterAsync(2);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice");
        TestClient bob = await Cluster.LoginAsync(Cluster.Nodes[1], "bob", "correct horse", register: true);
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "bob first" });
        // #plans has nobody on bob's node yet: alice's line there is numbered and stored, never delivered on B.
        await alice.ExpectOkAsync("join", new { room = "#plans" });
        long id = (await alice.ExpectOkAsync("msg", new { to = "#plans", text = "before you came" })).GetProperty("msgId").GetInt64();
        await bob.ExpectOkAsync("join", new { room = "#plans" });
        JsonElement history = await bob.ExpectOkAsync("history", new { to = "#plans" });
        Assert.Contains(id, history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("msgId").GetInt64()));

        JsonElement read = await bob.ExpectOkAsync("read", new { room = "#plans", msgId = id });

        Assert.Equal(id, read.GetProperty("readMsgId").GetInt64());
        await bob.ExpectErrorAsync("bad_request", "read", new { room = "#plans", msgId = id + 1_000_000 });
    }
}
