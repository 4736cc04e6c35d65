import { mount } from '@vue/test-utils';
import { i18n } from '@/shared/i18n';
import FaqPhrasingsInput from '../components/FaqPhrasingsInput.vue';

function mountInput(phrasings: string[], question = '退款什么时候到账？') {
  const wrapper = mount(FaqPhrasingsInput, {
    props: { modelValue: phrasings, question, 'onUpdate:modelValue': (v: string[]) => wrapper.setProps({ modelValue: v }) },
    global: { plugins: [i18n] },
  });
  return wrapper;
}

function chips(wrapper: ReturnType<typeof mountInput>): string[] {
  return wrapper.findAll('[data-test=faq-phrasing] .chip-text').map((c) => c.text());
}

describe('FaqPhrasingsInput', () => {
  it('adds a phrasing on Enter and refuses a repeat with a note', async () => {
    const wrapper = mountInput(['退款多久能收到']);
    const input = wrapper.find('input');
    await input.setValue('钱什么时候退回来');
    await input.trigger('keydown', { key: 'Enter' });
    expect(chips(wrapper)).toEqual(['退款多久能收到', '钱什么时候退回来']);
    expect((input.element as HTMLInputElement).value).toBe('');

    await input.setValue('退款多久能收到？');
    await input.trigger('keydown', { key: 'Enter' });
    expect(chips(wrapper)).toHaveLength(2);
    expect(wrapper.find('[data-test=faq-phrasing-notice]').text()).toContain('已在列表中');
    // The refused text stays to be corrected.
    expect((input.element as HTMLInputElement).value).toBe('退款多久能收到？');
  });

  it('leaves an Enter that confirms an IME composition alone', async () => {
    const wrapper = mountInput([]);
    const input = wrapper.find('input');
    await input.setValue('tuikuan');
    await input.trigger('keydown', { key: 'Enter', isComposing: true });
    expect(chips(wrapper)).toEqual([]);
  });

  it('adds what is left in the box when it loses focus', async () => {
    const wrapper = mountInput([]);
    const input = wrapper.find('input');
    await input.setValue('退款到账时间');
    await input.trigger('blur');
    expect(chips(wrapper)).toEqual(['退款到账时间']);
  });

  it('removes a phrasing with its labelled button', async () => {
    const wrapper = mountInput(['a', 'b']);
    const remove = wrapper.findAll('[data-test=faq-phrasing-remove]');
    expect(remove[0]?.attributes('aria-label')).toBe('删除问法「a」');
    await remove[0]?.trigger('click');
    expect(chips(wrapper)).toEqual(['b']);
  });

  it('disables the box at 20 phrasings', () => {
    const wrapper = mountInput(Array.from({ length: 20 }, (_, i) => `问法 ${i}`));
    expect(wrapper.find('input').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('20 / 20');
  });
});
