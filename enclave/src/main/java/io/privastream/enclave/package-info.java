/**
 * The trusted boundary of a PRIVA-STREAM deployment: the sealing key and the only code that sees
 * peers' addresses in clear. The paper ran this part (tracker bookkeeping and NAT) inside SGX
 * enclaves; here it is one small module with a narrow interface — {@link
 * io.privastream.enclave.AddressSealer#seal}, {@link io.privastream.enclave.AddressSealer#handOut},
 * {@link io.privastream.enclave.AddressSealer#open} — so that it is what a TEE runtime would
 * host. Depends on the JDK only.
 */
package io.privastream.enclave;
