namespace HealthKart.Core.Validation;

/// <summary>
/// The largest value each kind of number may take in a file. Chosen so that no sum the engine forms can overflow its
/// accumulator over any realistic dataset; the arithmetic is in docs/reliability.md ("Bounds"). A value above its
/// bound is a row error naming the bound, never a silent wrap.
/// </summary>
public static class ValueDomains
{
    /// <summary>
    /// Orders on one tracking row or one payout row: a row is one order line, a million is already absurd.
    /// </summary>
    public const long MaxOrders = 1_000_000;

    /// <summary>Followers, reach, likes, comments: ten billion, above every account on every platform.</summary>
    public const long MaxAudience = 10_000_000_000;

    /// <summary>Revenue, rate or payout on one row: ₹10 crore, in paise.</summary>
    public const long MaxMoneyPaise = 10_000_000_000;
}
