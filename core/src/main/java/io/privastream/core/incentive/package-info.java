/**
 * Rewarding contribution, sans-IO: signed receipts ({@link io.privastream.core.incentive.Receipt}),
 * the ledger's rules ({@link io.privastream.core.incentive.Ledger}, bandwidth as a currency with
 * allowances, per-counterparty caps and replay protection) and the named policies that turn
 * standing into sources and priority ({@link io.privastream.core.incentive.IncentivePolicy}).
 */
package io.privastream.core.incentive;
