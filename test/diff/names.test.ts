import { describe, expect, it } from 'vitest';
import { editDistance, nameSimilarity, words } from '../../src/diff/names.js';

describe('rename candidates: how alike two property names are', () => {
  it('splits names into words whatever the casing', () => {
    expect(words('emailAddress')).toEqual(['email', 'address']);
    expect(words('email_address')).toEqual(['email', 'address']);
    expect(words('Email-Address')).toEqual(['email', 'address']);
    expect(words('HTTPStatusCode')).toEqual(['http', 'status', 'code']);
    expect(words('last4')).toEqual(['last4']);
  });

  it('scores the same words written differently highest', () => {
    expect(nameSimilarity('email_address', 'emailAddress')).toBe(0.95);
    expect(nameSimilarity('created_by_user', 'user_created_by')).toBe(0.9);
  });

  it('scores a name that grew or lost words by how much of it is kept', () => {
    expect(nameSimilarity('phone', 'phone_number')).toBe(0.71);
    expect(nameSimilarity('email', 'customer_email')).toBe(0.7);
    expect(nameSimilarity('customer_email', 'email')).toBe(0.7);
  });

  it('accepts typos and abbreviations of a word', () => {
    expect(nameSimilarity('adress', 'address')).toBe(0.8);
    expect(nameSimilarity('billing_adress', 'billing_address')).toBe(0.85);
    expect(nameSimilarity('desc', 'description')).toBe(0.8);
    expect(nameSimilarity('colour', 'color')).toBe(0.8);
  });

  it('tells different words apart even when they look alike', () => {
    for (const [a, b] of [
      ['first_name', 'last_name'],
      ['min_amount', 'max_amount'],
      ['latitude', 'longitude'],
      ['created', 'updated'],
      ['start_date', 'end_date'],
      ['billing_address', 'shipping_address'],
      ['name', 'game'],
      ['amount', 'currency'],
      ['id', 'ip'],
    ]) {
      expect(nameSimilarity(a!, b!), `${a} / ${b}`).toBe(0);
    }
    expect(nameSimilarity('email', 'email')).toBe(0);
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('recieve', 'receive')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
