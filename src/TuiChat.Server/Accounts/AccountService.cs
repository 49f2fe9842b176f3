using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Accounts;

/// <summary>
/// Registration and password login. The built-in <c>admin</c> account is not stored: its password
/// comes from the server's configuration, and without one nobody can log in as admin. Nobody can
/// register or borrow the name. Passwords never leave this class and are never logged.
/// </summary>
public sealed class AccountService
{
    public const string AdminName = "admin";
    public const string AdminKey = "admin";

    private readonly IChatStore _store;
    private readonly PasswordHasher _hasher;
    private readonly LoginThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly RegistrationLimit? _registrations;
    private readonly string? _adminHash;

    /// <summary>Compared against when an account does not exist, so that case costs the same time.</summary>
    private readonly string _dummyHash;

    /// <param name="registrations">Registrations allowed per address; null for no limit.</param>
    public AccountService(IChatStore store, PasswordHasher hasher, LoginThrottle throttle, TimeProvider time, string? adminPassword, RegistrationLimit? registrations = null)
    {
        _registrations = registrations;
        _store = store;
        _hasher = hasher;
        _throttle = throttle;
        _time = time;
        _adminHash = string.IsNullOrEmpty(adminPassword) ? null : hasher.Hash(adminPassword);
        _dummyHash = hasher.Hash("not a password of anyone");
    }

    public bool AdminLoginPossible => _adminHash is not null;

    /// <summary>The account's own spelling of <paramref name="name"/>, or null when there is no such account.</summary>
    public string? FindRegisteredName(string name) =>
        NameRules.LookAlike(name, AdminName) ? AdminName : _store.FindAccount(name)?.User;

    public Outcome Register(string name, string password, string address, out string role)
    {
        role = Roles.User;
        if (!NameRules.TryValidatePassword(password, out string error))
        {
            return Outcome.Fail(ErrorCodes.PasswordInvalid, error);
        }
        if (NameRules.LookAlike(name, AdminName))
        {
            return Outcome.Fail(ErrorCodes.NameTaken, "the name admin, and any name that looks like it, is reserved");
        }
        if (_registrations is not null && !_registrations.TryTake(address))
        {
            return Outcome.Fail(ErrorCodes.RateLimited, "too many accounts were registered from your address; try again later");
        }
        var account = new AccountRecord(name, _hasher.Hash(password), Roles.User, _time.GetUtcNow());
        return _store.TryAddAccount(account)
            ? Outcome.Success
            : Outcome.Fail(ErrorCodes.NameTaken, $"the account {name}, or one that looks like it, exists");
    }

    /// <summary>Checks a password; refused without checking while the account or address is throttled.</summary>
    public Outcome Login(string name, string password, string address, out string accountName, out string role)
    {
        string key = NameRules.Key(name);
        accountName = name;
        role = Roles.User;
        if (_throttle.IsBlocked(key, address))
        {
            return Outcome.Fail(ErrorCodes.AuthFailed, "too many failed logins; wait a minute and try again");
        }

        string? hash;
        if (key == AdminKey)
        {
            hash = _adminHash;
            accountName = AdminName;
            role = Roles.Admin;
        }
        else
        {
            AccountRecord? account = _store.FindAccount(name);
            hash = account?.PasswordHash;
            if (account is not null)
            {
                accountName = account.User;
                role = account.Role;
            }
        }

        bool ok = PasswordHasher.Verify(password, hash ?? _dummyHash) && hash is not null;
        if (!ok)
        {
            _throttle.RecordFailure(key, address);
            return Outcome.Fail(ErrorCodes.AuthFailed, "wrong user name or password");
        }
        _throttle.RecordSuccess(key);
        return Outcome.Success;
    }
}
