using System.Text.Json;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary><c>keys.put</c> / <c>keys.get</c>: the server is a directory of identity keys, nothing more.</summary>
public sealed class KeyDirectoryTests
{
    private static readonly string Agreement = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string Signing = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());
    private static readonly string Signature = Convert.ToBase64String(Enumerable.Repeat((byte)3, 64).ToArray());

    [Fact]
    public async Task PublishedKeys_AreHandedOutToOthers_AndReplacedByTheNextPut()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);
        await using TestClient alice = await server.LoginAsync("alice");

        JsonElement none = await alice.ExpectOkAsync("keys.get", new { user = "bob" });
        await bob.ExpectOkAsync("keys.put", new { agreement = Agreement, signing = Signing, signature = Signature });
        JsonElement some = await alice.ExpectOkAsync("keys.get", new { user = "BOB" });
        string newAgreement = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());
        await bob.ExpectOkAsync("keys.put", new { agreement = newAgreement, signing = Signing, signature = Signature });
        JsonElement replaced = await alice.ExpectOkAsync("keys.get", new { user = "bob" });

        Assert.False(none.TryGetProperty("agreement", out _));
        Assert.Equal("bob", Str(some, "user"));
        Assert.Equal(Agreement, Str(some, "agreement"));
        Assert.Equal(Signing, Str(some, "signing"));
        Assert.Equal(Signature, Str(some, "signature"));
        Assert.Equal(newAgreement, Str(replaced, "agreement"));
    }

    [Fact]
    public async Task Guests_MayNotPublish_AndMalformedKeysAreRefused()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient guest = await server.LoginAsync("carol");
        await using TestClient bob = await server.LoginAsync("bob", "password-b", register: true);

        await guest.ExpectErrorAsync("not_allowed", "keys.put", new { agreement = Agreement, signing = Signing, signature = Signature });
        await bob.ExpectErrorAsync("bad_request", "keys.put", new { agreement = "AAAA", signing = Signing, signature = Signature });
        await bob.ExpectErrorAsync("bad_request", "keys.put", new { agreement = Agreement, signing = Signing, signature = "not base64!" });
        await bob.ExpectErrorAsync("name_invalid", "keys.get", new { user = "no spaces allowed" });
    }

    [Fact]
    public async Task Keys_SurviveARestart_OfTheSqliteStore()
    {
        string data = Directory.CreateTempSubdirectory("tuichat-keys-").FullName;
        try
        {
            using (SqliteChatStore store = SqliteChatStore.Open(data))
            {
                await store.PutIdentityKeysAsync(new IdentityKeysRecord("Bob", Agreement, Signing, Signature, DateTimeOffset.UnixEpoch));
            }
            using SqliteChatStore reopened = SqliteChatStore.Open(data);
            IdentityKeysRecord? keys = reopened.FindIdentityKeys("bob");

            Assert.Equal(new IdentityKeysRecord("Bob", Agreement, Signing, Signature, DateTimeOffset.UnixEpoch), keys);
            Assert.Null(reopened.FindIdentityKeys("alice"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
