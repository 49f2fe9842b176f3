using TuiChat.Client.Core.Encryption;

namespace TuiChat.Client.Core.Tests.Encryption;

/// <summary>The key file (Argon2id + XChaCha20-Poly1305, owner-only) and the TOFU pins beside it.</summary>
public sealed class KeyStorageTests : IDisposable
{
    /// <summary>Cheap Argon2id for tests; the real default is 64 MiB, 3 passes.</summary>
    private static readonly Argon2Cost Cheap = new(8 * 1024, 1);

    private readonly string _root = Directory.CreateTempSubdirectory("tuichat-keys-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private KeyFolder Folder(string user = "alice") => new(Path.Combine(_root, "keys"), user);

    [Fact]
    public void NewIdentity_IsWrittenOwnerOnly_AndReadsBackWithThePassword()
    {
        KeyFolder folder = Folder();
        using IdentityKeyPair made = KeyFile.LoadOrCreate(folder, "alice", "correct horse", Cheap, out bool created);
        using IdentityKeyPair read = KeyFile.LoadOrCreate(folder, "alice", "correct horse", Cheap, out bool createdAgain);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(made.AgreementPublic, read.AgreementPublic);
        Assert.Equal(made.SigningPublic, read.SigningPublic);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.KeyFilePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Folder));
        }
    }

    [Fact]
    public void KeyFile_HoldsNoPrivateKeyInTheClear()
    {
        KeyFolder folder = Folder();
        using IdentityKeyPair keys = KeyFile.LoadOrCreate(folder, "alice", "correct horse", Cheap, out _);
        byte[] file = File.ReadAllBytes(folder.KeyFilePath);
        string text = File.ReadAllText(folder.KeyFilePath);

        byte[] secret = keys.ExportPrivateKeys();
        Assert.True(file.AsSpan().IndexOf(secret.AsSpan(0, 32)) < 0);
        Assert.DoesNotContain(Convert.ToBase64String(secret), text, StringComparison.Ordinal);
        Assert.Contains("argon2id", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPassword_OrAnotherAccount_IsRefused_AndTheFileIsKept()
    {
        KeyFolder folder = Folder();
        using (KeyFile.LoadOrCreate(folder, "alice", "correct horse", Cheap, out _))
        {
        }
        byte[] before = File.ReadAllBytes(folder.KeyFilePath);

        Assert.Throws<KeyFileException>(() => KeyFile.LoadOrCreate(folder, "alice", "wrong horse", Cheap, out _));
        // The file is bound to its account: copying alice's file to mallory's name does not open it.
        File.Copy(folder.KeyFilePath, Folder("mallory").KeyFilePath);
        Assert.Throws<KeyFileException>(() => KeyFile.LoadOrCreate(Folder("mallory"), "mallory", "correct horse", Cheap, out _));
        Assert.Equal(before, File.ReadAllBytes(folder.KeyFilePath));
    }

    [Fact]
    public void DamagedKeyFile_IsRefusedWithItsPath()
    {
        KeyFolder folder = Folder();
        Directory.CreateDirectory(folder.Folder);
        File.WriteAllText(folder.KeyFilePath, "{ not json");

        var refused = Assert.Throws<KeyFileException>(() => KeyFile.LoadOrCreate(folder, "alice", "pw-123456", Cheap, out _));
        Assert.Contains(folder.KeyFilePath, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFolder_FollowsXdgDataHome()
    {
        string? saved = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", _root);
            KeyFolder folder = KeyFolder.For("127.0.0.1", 5000, "Alice");
            Assert.Equal(Path.Combine(_root, "tuichat", "keys", "127.0.0.1_5000", "alice.key"), folder.KeyFilePath);
            Assert.Equal(Path.Combine(_root, "tuichat", "keys", "127.0.0.1_5000", "alice.pins.json"), folder.PinsPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", saved);
        }
    }

    [Fact]
    public void FirstKeys_ArePinned_AChangeIsHeldUntilTrusted_AndSurvivesARestart()
    {
        KeyFolder folder = Folder();
        using IdentityKeyPair bob = TestKeys.Bob();
        using IdentityKeyPair newBob = IdentityKeyPair.Generate();
        TrustStore pins = TrustStore.Open(folder);

        Assert.Equal(TrustLevel.Pinned, pins.Observe("bob", bob.AgreementPublic, bob.SigningPublic));
        Assert.True(pins.MarkVerified("Bob"));
        Assert.Equal(TrustLevel.Verified, pins.LevelOf("bob"));

        Assert.Equal(TrustLevel.Changed, pins.Observe("bob", newBob.AgreementPublic, newBob.SigningPublic));
        // The old keys stay pinned, and nothing can be verified until the change is accepted.
        Assert.Equal(TrustLevel.Changed, TrustStore.Open(folder).LevelOf("bob"));
        Assert.Equal(bob.AgreementPublic, pins.Pinned("bob")!.Value.Agreement);
        Assert.False(pins.MarkVerified("bob"));

        Assert.True(TrustStore.Open(folder).AcceptChange("bob"));
        TrustStore reopened = TrustStore.Open(folder);
        Assert.Equal(TrustLevel.Pinned, reopened.LevelOf("bob"));
        Assert.Equal(newBob.AgreementPublic, reopened.Pinned("bob")!.Value.Agreement);
        Assert.False(reopened.AcceptChange("bob"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.PinsPath));
        }
    }
}
