using System.Diagnostics;
using System.Globalization;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>An admin's shutdown ends the whole cluster; a signal ends only the process it is sent to.</summary>
public sealed class ClusterShutdownTests : ClusterTest
{
    [SkippableFact]
    public async Task AdminShutdownOnOneNode_EndsEveryNode_WithTheNoticeOnEach()
    {
        await StartClusterAsync(3);
        IReadOnlyList<ServerProcess> nodes = Cluster.Nodes;
        TestClient[] people = [await Cluster.LoginAsync(nodes[0], "alice"), await Cluster.LoginAsync(nodes[1], "bob"), await Cluster.LoginAsync(nodes[2], "carol")];
        TestClient admin = await Cluster.LoginAsync(nodes[1], "admin", TestCluster.AdminPassword);

        await admin.ExpectOkAsync("admin.shutdown", new { reason = "atualização às 14h" });

        foreach (TestClient person in people)
        {
            await person.WaitForAsync(f => Type(f) == "shutdown" && Str(f, "by") == "admin" && Str(f, "reason") == "atualização às 14h", Deadline);
        }
        foreach (ServerProcess node in nodes)
        {
            Assert.Equal(0, await node.WaitForExitAsync(Deadline));
        }
    }

    [SkippableFact]
    public async Task ASignalToOneNode_StopsOnlyThatNode_TheOthersCarryOn()
    {
        await StartClusterAsync(3);
        IReadOnlyList<ServerProcess> nodes = Cluster.Nodes;
        TestClient alice = await Cluster.LoginAsync(nodes[0], "alice");
        TestClient bob = await Cluster.LoginAsync(nodes[1], "bob");
        TestClient carol = await Cluster.LoginAsync(nodes[2], "carol");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "carol", Deadline);

        using (Process term = Process.Start("kill", ["-TERM", nodes[2].Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await carol.WaitForAsync(f => Type(f) == "shutdown" && Str(f, "by") == "server", Deadline);
        Assert.Equal(0, await nodes[2].WaitForExitAsync(Deadline));
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "carol", Deadline);
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "still here" });
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "still here", Deadline);
        Assert.False(alice.Saw(f => Type(f) == "shutdown") || bob.Saw(f => Type(f) == "shutdown"), "a signal to one node shut the others down");
    }
}
