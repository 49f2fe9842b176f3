using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NSec.Cryptography;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// The identity's private keys on disk, encrypted with XChaCha20-Poly1305 under a key that
/// Argon2id derives from the account password (the file is worthless without it), in a file only
/// its owner can read. A lost file or a forgotten password means a new identity: contacts then see
/// a key change.
/// </summary>
public static class KeyFile
{
    /// <summary>Argon2id cost: 64 MiB and 3 passes (libsodium's "moderate"); tests pass cheaper ones.</summary>
    public static readonly Argon2Cost DefaultCost = new(64 * 1024, 3);

    private const int SaltBytes = 16;
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    /// <summary>Reads the key file, or creates a new identity and writes it when there is none.</summary>
    /// <exception cref="KeyFileException">The file exists but cannot be opened with this password or is damaged.</exception>
    public static IdentityKeyPair LoadOrCreate(KeyFolder folder, string user, string password, Argon2Cost cost, out bool created)
    {
        ArgumentNullException.ThrowIfNull(folder);
        created = !File.Exists(folder.KeyFilePath);
        if (!created)
        {
            return Load(folder.KeyFilePath, user, password);
        }
        IdentityKeyPair keys = IdentityKeyPair.Generate();
        folder.WriteOwnerOnly(folder.KeyFilePath, Seal(keys, user, password, cost));
        return keys;
    }

    private static byte[] Seal(IdentityKeyPair keys, string user, string password, Argon2Cost cost)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] nonce = RandomNumberGenerator.GetBytes(Aead.NonceSize);
        byte[] secret = keys.ExportPrivateKeys();
        try
        {
            using Key key = DeriveKey(password, salt, cost);
            var content = new KeyFileContent
            {
                User = user,
                Memory = cost.MemoryKiB,
                Passes = cost.Passes,
                Salt = salt,
                Nonce = nonce,
                Sealed = Aead.Encrypt(key, nonce, AssociatedData(user), secret),
            };
            return JsonSerializer.SerializeToUtf8Bytes(content, KeyFileJsonContext.Default.KeyFileContent);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static IdentityKeyPair Load(string path, string user, string password)
    {
        KeyFileContent? content;
        try
        {
            content = JsonSerializer.Deserialize(File.ReadAllBytes(path), KeyFileJsonContext.Default.KeyFileContent);
        }
        catch (JsonException e)
        {
            throw new KeyFileException($"{path} is damaged: {e.Message}");
        }
        if (content is null || content.Version != 1 || content.Salt.Length != SaltBytes || content.Nonce.Length != Aead.NonceSize
            || content.Memory is < 8 or > 4 * 1024 * 1024 || content.Passes is < 1 or > 100)
        {
            throw new KeyFileException($"{path} is not a TuiChat key file this client reads");
        }
        using Key key = DeriveKey(password, content.Salt, new Argon2Cost(content.Memory, content.Passes));
        byte[] secret = Aead.Decrypt(key, content.Nonce, AssociatedData(user), content.Sealed)
            ?? throw new KeyFileException($"{path} does not open with this account's password (or belongs to another account)");
        try
        {
            return secret.Length == 2 * IdentityKeyPair.PrivateKeyBytes
                ? IdentityKeyPair.FromPrivateKeys(secret.AsSpan(0, 32), secret.AsSpan(32))
                : throw new KeyFileException($"{path} holds no identity keys");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static Key DeriveKey(string password, byte[] salt, Argon2Cost cost)
    {
        var parameters = new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = cost.MemoryKiB, NumberOfPasses = cost.Passes };
        return PasswordBasedKeyDerivationAlgorithm.Argon2id(parameters).DeriveKey(password, salt, Aead);
    }

    private static byte[] AssociatedData(string user) => Encoding.UTF8.GetBytes("tuichat-keyfile-v1 " + NameRules.Key(user));
}

/// <summary>Argon2id's memory (KiB) and passes.</summary>
public sealed record Argon2Cost(int MemoryKiB, int Passes);

/// <summary>A key file that exists but cannot be used; the message says why and where.</summary>
public sealed class KeyFileException(string message) : Exception(message);

internal sealed record KeyFileContent
{
    public int Version { get; init; } = 1;
    public required string User { get; init; }
    public string Kdf { get; init; } = "argon2id";
    public required int Memory { get; init; }
    public required int Passes { get; init; }
    public required byte[] Salt { get; init; }
    public required byte[] Nonce { get; init; }
    public required byte[] Sealed { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(KeyFileContent))]
internal sealed partial class KeyFileJsonContext : JsonSerializerContext;
