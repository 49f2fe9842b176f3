using System.Text.Json;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>Groups created and changed on one node of a real cluster, seen on the others and kept in PostgreSQL row by row.</summary>
public sealed class ClusterGroupTests : ClusterTest
{
    private const string Password = "correct horse";

    [SkippableFact]
    public async Task AGroupCreatedOnOneNode_ReachesItsMembersOnTheOthers_AndTwoNodesChangingItAtOnceKeepBothChanges()
    {
        await StartClusterAsync(3);
        IReadOnlyList<ServerProcess> nodes = Cluster.Nodes;
        foreach (string account in new[] { "dave", "erin" })
        {
            await using TestClient once = await TestClient.LoginAsync(nodes[0].Port, account, Password, register: true);
        }
        TestClient alice = await Cluster.LoginAsync(nodes[0], "alice", Password, register: true);
        TestClient bob = await Cluster.LoginAsync(nodes[1], "bob", Password, register: true);
        TestClient carol = await Cluster.LoginAsync(nodes[2], "carol");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline);

        // Created on A after B and C started; bob (account, B) and carol (guest, C) are invited there.
        await alice.ExpectOkAsync("create", new { room = "+plans", @private = true, members = new[] { "bob", "Carol" } });
        foreach (TestClient invitee in new[] { bob, carol })
        {
            await invitee.WaitForAsync(f => Type(f) == "invited" && Str(f, "room") == "+plans" && Str(f, "by") == "alice", Deadline);
        }
        await carol.ExpectOkAsync("msg", new { to = "+plans", text = "carol do nó C 👋" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "carol do nó C 👋", Deadline);
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "carol do nó C 👋", Deadline);

        // alice's second session, on B: A and B each add a member at the same moment.
        TestClient alicePhone = await Cluster.LoginAsync(nodes[1], "alice", Password);
        await Task.WhenAll(alice.ExpectOkAsync("invite", new { room = "+plans", user = "dave" }), alicePhone.ExpectOkAsync("invite", new { room = "+plans", user = "erin" }));
        await carol.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+plans" && Str(f, "user") == "dave", Deadline);
        await carol.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+plans" && Str(f, "user") == "erin", Deadline);
        Assert.Equal(["alice", "bob", "carol", "dave", "erin"], await MembersAsync(bob, "+plans"));

        // A node started now reads the group from PostgreSQL (both added accounts are members), and
        // hears from node C that its guest carol is one too.
        ServerProcess late = await Cluster.StartNodeAsync();
        TestClient dave = await Cluster.LoginAsync(late, "dave", Password);
        await dave.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+plans" && Str(f, "user") == "dave", Deadline);
        await WaitForMembersAsync(dave, "+plans", ["alice", "bob", "carol", "dave", "erin"]);

        // The owner leaves on A: the group passes to bob on every node; he kicks carol from B.
        await alicePhone.ExpectOkAsync("quit");
        await alice.ExpectOkAsync("leave", new { room = "+plans" });
        // The leave itself, not the phone's quit (bob's node announces that one as alice's last session there).
        await bob.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+plans" && Str(f, "user") == "alice" && Str(f, "reason") == "leave", Deadline);
        await bob.ExpectOkAsync("kick", new { room = "+plans", user = "carol" });
        await carol.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+plans" && Str(f, "user") == "carol" && Str(f, "reason") == "kick", Deadline);
        await carol.ExpectErrorAsync("not_a_member", "msg", new { to = "+plans", text = "still in?" });
        await dave.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+plans" && Str(f, "user") == "carol", Deadline);
        Assert.Equal(["bob", "dave", "erin"], await MembersAsync(dave, "+plans"));
    }

    /// <summary>Asks for the members until they are <paramref name="expected"/> (a node learns of some a moment after it starts).</summary>
    private static async Task WaitForMembersAsync(TestClient viewer, string room, string[] expected)
    {
        DateTime deadline = DateTime.UtcNow + Deadline;
        string[] members;
        while (!(members = await MembersAsync(viewer, room)).SequenceEqual(expected))
        {
            Assert.True(DateTime.UtcNow < deadline, $"members of {room}: {string.Join(", ", members)}");
        }
    }

    private static async Task<string[]> MembersAsync(TestClient viewer, string room)
    {
        JsonElement users = await viewer.ExpectOkAsync("users", new { room });
        return [.. users.GetProperty("users").EnumerateArray().Select(u => Str(u, "user")!).Order(StringComparer.Ordinal)];
    }

    [SkippableFact]
    public async Task AGuestInvitedIntoAGroupBeforeANodeStarted_IsAMemberThereToo()
    {
        await StartClusterAsync(1);
        TestClient dave = await Cluster.LoginAsync(Cluster.Nodes[0], "dave", "dave's password", register: true);
        TestClient gina = await Cluster.LoginAsync(Cluster.Nodes[0], "gina");
        await dave.ExpectOkAsync("create", new { room = "+plans", @private = true, members = new[] { "gina" } });
        await gina.WaitForAsync(f => Type(f) == "invited" && Str(f, "room") == "+plans", Deadline);

        // Node B starts now: it loads the group from the database, which keeps accounts only.
        ServerProcess late = await Cluster.StartNodeAsync();
        TestClient davePhone = await Cluster.LoginAsync(late, "dave", "dave's password");

        await WaitForMembersAsync(davePhone, "+plans", ["dave", "gina"]);
        await davePhone.ExpectOkAsync("kick", new { room = "+plans", user = "gina" });
        await gina.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "gina" && Str(f, "reason") == "kick", Deadline);
    }

    [SkippableFact]
    public async Task AnInviteeOnAnotherNode_IsToldTheGroupsTopic_WithItsOwnJoined()
    {
        await StartClusterAsync(2);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice", Password, register: true);
        TestClient bob = await Cluster.LoginAsync(Cluster.Nodes[1], "bob");
        await alice.ExpectOkAsync("create", new { room = "+plans", @private = true });
        await alice.ExpectOkAsync("topic", new { room = "+plans", topic = "the plan ☕" });

        await alice.ExpectOkAsync("invite", new { room = "+plans", user = "bob" });

        JsonElement own = await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+plans" && Str(f, "user") == "bob", Deadline);
        Assert.Equal("the plan ☕", Str(own, "topic"));
        JsonElement seen = await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+plans" && Str(f, "user") == "bob", Deadline);
        Assert.False(seen.TryGetProperty("topic", out _));
    }
}
