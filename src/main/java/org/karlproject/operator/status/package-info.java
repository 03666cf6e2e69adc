/**
 * Conditions and status writing, in one place: {@link org.karlproject.operator.status.Health} is a
 * reconcile's verdict, {@link org.karlproject.operator.status.Conditions} turns it into the kstatus
 * conditions, {@link org.karlproject.operator.status.StatusWriter} writes a status only when it changed.
 */
package org.karlproject.operator.status;
