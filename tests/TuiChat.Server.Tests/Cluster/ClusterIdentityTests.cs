using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>
/// Group membership across the nodes of a real cluster belongs to identities, never to names: a guest
/// who takes a gone guest's name gets nothing of its groups, an account that leaves a group on one
/// node is out of it on its other nodes too, and a public room's operator is the identity that began it.
/// </summary>
public sealed class ClusterIdentityTests : ClusterTest
{
    private const string Password = "correct horse";

    [SkippableFact]
    public async Task AGuestWhoTakesTheNameOfAGuestWhoseNodeDied_IsNotInItsGroup_NorReadsItsHistory()
    {
        await StartClusterAsync(3);
        IReadOnlyList<ServerProcess> nodes = Cluster.Nodes;
        TestClient alice = await Cluster.LoginAsync(nodes[1], "alice", Password, register: true);
        TestClient bob = await Cluster.LoginAsync(nodes[0], "bob");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob", Deadline);
        await alice.ExpectOkAsync("create", new { room = "+segredo", @private = true, members = new[] { "bob" } });
        await bob.WaitForAsync(f => Type(f) == "invited" && Str(f, "room") == "+segredo", Deadline);
        await alice.ExpectOkAsync("msg", new { to = "+segredo", text = "a senha do cofre é 1234 🔐" });
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "a senha do cofre é 1234 🔐", Deadline);

        // bob's node dies; someone else logs in as the guest "bob" on another node as soon as the name is free.
        nodes[0].Kill();
        TestClient mallory = await Cluster.LoginWhenFreeAsync(nodes[2], "bob");

        await mallory.ExpectErrorAsync("not_a_member", "history", new { to = "+segredo" });
        await mallory.ExpectErrorAsync("not_a_member", "msg", new { to = "+segredo", text = "sou eu, o bob" });
        Assert.False(mallory.Saw(f => Str(f, "room") == "+segredo"), "the new bob was told about +segredo");
    }

    [SkippableFact]
    public async Task AnAccountThatLeavesAGroupOnOneNode_IsOutOfItOnItsOtherNodeToo()
    {
        await StartClusterAsync(2);
        IReadOnlyList<ServerProcess> nodes = Cluster.Nodes;
        TestClient alice = await Cluster.LoginAsync(nodes[0], "alice", Password, register: true);
        TestClient carol = await Cluster.LoginAsync(nodes[0], "carol", Password, register: true);
        TestClient dave = await Cluster.LoginAsync(nodes[1], "dave", Password, register: true);
        await alice.ExpectOkAsync("create", new { room = "+equipa", @private = true, members = new[] { "carol", "dave" } });
        TestClient alicePhone = await Cluster.LoginAsync(nodes[1], "alice", Password);
        await alicePhone.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+equipa" && Str(f, "user") == "alice", Deadline);

        await alice.ExpectOkAsync("leave", new { room = "+equipa" });

        await alicePhone.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+equipa" && Str(f, "user") == "alice", Deadline);
        await alicePhone.ExpectErrorAsync("not_a_member", "msg", new { to = "+equipa", text = "ainda cá estou?" });
        // Once dave, on the phone's node, has carol's next line, the phone would have it too if still in.
        await carol.ExpectOkAsync("msg", new { to = "+equipa", text = "só para a carol e o dave" });
        await dave.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "só para a carol e o dave", Deadline);
        Assert.False(alicePhone.Saw(f => Type(f) == "message" && Str(f, "text") == "só para a carol e o dave"), "alice's phone still gets +equipa's lines");
    }

    [SkippableFact]
    public async Task ThePublicRoomsOperatorIsItsCreator_NotTheFirstToJoinItOnAnotherNode()
    {
        await StartClusterAsync(1);
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[0], "alice");
        await alice.ExpectOkAsync("join", new { room = "#praça" });
        // A node that starts (or restarts) now has not seen the room begin.
        ServerProcess late = await Cluster.StartNodeAsync();
        TestClient mallory = await Cluster.LoginAsync(late, "mallory");
        await mallory.ExpectOkAsync("join", new { room = "#praça" });
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#praça" && Str(f, "user") == "mallory", Deadline);

        await mallory.ExpectErrorAsync("not_allowed", "topic", new { room = "#praça", topic = "a praça é minha" });
        await mallory.ExpectErrorAsync("not_allowed", "kick", new { room = "#praça", user = "alice" });
        await alice.ExpectOkAsync("topic", new { room = "#praça", topic = "café às 5 ☕" });
        await mallory.WaitForAsync(f => Type(f) == "topic" && Str(f, "room") == "#praça" && Str(f, "topic") == "café às 5 ☕", Deadline);
    }
}
